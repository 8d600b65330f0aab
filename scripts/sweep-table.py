#!/usr/bin/env python3
"""The Markdown table of docs/reproduction.md (Fashion-MNIST section) from sweep folders.

Usage: scripts/sweep-table.py [--initial] SWEEP_DIR [SWEEP_DIR ...]

Per sweep point (the axis labels of results.csv, e.g. init_clip=0.02 and the method), over its seeds:
achieved (ε, δ), noisy steps T, σ, the release's test accuracy and the retrain baseline's (mean ± half-width
of the 95 % Student-t interval), examples processed to the savings target A (retrain's final accuracy minus
one point, as `sweep report`) and the compute savings there, and — because a release may never reach A —
the cost at the release's own final accuracy a: examples the run needs to first reach a, examples the
retrain baseline needs to reach a (from runs/<id>/metrics.csv and retrain-metrics.csv, evaluation points),
and 1 − their ratio. Retrain rows (method retrain) are left out: every run carries its baseline.
With --initial, one more column: the release's test accuracy at its first releasable evaluation point (the
"initial" one: after the noisy phase, before any fine-tuning; for DP-SGD the DP-SGD-trained original itself).
Demonstration runs (seeded noise) carry no achieved (ε, δ): the accountant's figures for unpredictable noise
at the same σ are printed from the certificate's reason, marked with *. Standard library only.
"""
import csv
import json
import math
import os
import re
import statistics
import sys

T95 = {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776, 6: 2.571, 7: 2.447, 8: 2.365, 9: 2.306, 10: 2.262}


def mean_ci(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    m = statistics.fmean(xs)
    h = T95.get(len(xs), 1.96) * statistics.stdev(xs) / math.sqrt(len(xs)) if len(xs) > 1 else float('nan')
    return m, h


def evals(path):
    """(examples processed, test accuracy) of the releasable evaluation points of a metrics file."""
    out = []
    with open(path) as f:
        for r in csv.DictReader(f):
            if r['kind'] == 'eval' and r['test_accuracy'] and r.get('releasable', 'true') == 'true':
                out.append((int(r['examples_processed']), float(r['test_accuracy'])))
    return out


def run_file(run, name):
    """A run folder's file: under private/ (run folders since the release/private split) or at the top."""
    private = os.path.join(run, 'private', name)
    return private if os.path.exists(private) else os.path.join(run, name)


def first_reaching(points, acc):
    return next((e for e, a in points if a >= acc - 1e-12), None)


def fmt_pct(mc):
    return '–' if mc is None else f'{100 * mc[0]:.1f} ± {100 * mc[1]:.1f} %'


def initial_accuracy(path):
    """Test accuracy of the first releasable evaluation point of phase 'initial' (before fine-tuning), or None."""
    with open(path) as f:
        for r in csv.DictReader(f):
            if r['kind'] == 'eval' and r['phase'] == 'initial' and r['test_accuracy'] \
                    and r.get('releasable', 'true') == 'true':
                return float(r['test_accuracy'])
    return None


def privacy(rows):
    """(ε, δ) text: the largest achieved over the runs; for demonstration runs (seeded noise, no guarantee) the
    accountant's figures for unpredictable noise from the certificate's reason, marked with *."""
    eps = [float(r['achieved_epsilon']) for r in rows if r['achieved_epsilon']]
    dl = [float(r['achieved_delta']) for r in rows if r['achieved_delta']]
    if eps and dl:
        return f'{max(eps):.3g}', f'≤ {max(dl):.2g}'
    given = [re.search(r'would give \(ε, δ\) = \(([^,]+), ([^)]+)\)', r['reason']) for r in rows]
    given = [(float(m.group(1)), float(m.group(2))) for m in given if m]
    if not given:
        return '–', '–'
    return f'{max(e for e, _ in given):.3g}*', f'≤ {max(d for _, d in given):.2g}*'


def fmt_int(mc):
    return '–' if mc is None else f'{mc[0]:,.0f}'


def main(dirs, initial=False):
    print('| sweep | sweep point | method | runs (certified) | ε | δ achieved | T | σ | '
          + ('release before fine-tuning | ' if initial else '') + 'test accuracy | retrain test accuracy '
          '| examples to A (retrain: A + 1 pt) | savings at A | examples to own final a | retrain examples to a '
          '| savings at a |')
    print('|' + '---|' * (16 if initial else 15))
    for d in dirs:
        rows = list(csv.DictReader(open(os.path.join(d, 'results.csv'))))
        name = next((l.split(':', 1)[1].strip() for l in open(os.path.join(d, 'sweep.yaml')) if l.startswith('name:')),
                    os.path.basename(d))
        columns = list(rows[0].keys())
        label_keys = columns[:columns.index('task_id')]  # the sweep's axes come first
        points = {}
        for r in rows:
            if r['method'] == 'retrain':
                continue
            key = ', '.join(f'{k}={r[k]}' for k in label_keys if k != 'method' and r[k])
            points.setdefault((key, r['method']), []).append(r)
        for (key, method), rs in points.items():
            done = [r for r in rs if r['test_accuracy']]
            cert = sum(r['status'] == 'certified' for r in rs)
            demo = sum(r['status'] == 'demonstration' for r in rs)  # seeded noise: the accountant's (ε, δ), no guarantee
            retrain_acc, own, retrain_to_a, sav_a, before = [], [], [], [], []
            one_point = False
            for r in done:
                run = r['run_folder']
                s = json.load(open(run_file(run, 'summary.json')))
                retrain_acc.append((s.get('retrain') or {}).get('test_accuracy'))
                u, b = evals(run_file(run, 'metrics.csv')), evals(run_file(run, 'retrain-metrics.csv'))
                before.append(initial_accuracy(run_file(run, 'metrics.csv')))
                a = float(r['test_accuracy'])
                eu, eb = first_reaching(u, a), first_reaching(b, a)
                if len(b) < 2:  # evaluated at its end only (retrain_recipe: original): when it reached a is unknown
                    eb, one_point = None, True
                own.append(eu)
                retrain_to_a.append(eb)
                sav_a.append(None if eu is None or eb is None else 1 - eu / eb)
            f = lambda c: [float(r[c]) if r[c] else None for r in done]
            to_a = [float(r['examples_to_target']) if r['examples_to_target'] else None for r in done]
            reached = sum(x is not None for x in to_a)
            sav = mean_ci(f('compute_savings'))
            never = sum(x is None for x in retrain_to_a)
            eps, delta = privacy(done)
            print(f'| {name} | {key} | {method} | {len(rs)} ({cert}{f"; {demo} demonstration" if demo else ""}) | {eps} '
                  f'| {delta} | {r["noisy_steps"]} | {float(r["sigma_first"]):.3g} '
                  + (f'| {fmt_pct(mean_ci(before))} ' if initial else '')
                  + f'| {fmt_pct(mean_ci(f("test_accuracy")))} | {fmt_pct(mean_ci(retrain_acc))} '
                  f'| {"not reached" if reached == 0 else fmt_int(mean_ci(to_a)) + f" ({reached}/{len(done)})"} '
                  f'| {"–" if sav is None else f"{100 * sav[0]:.0f} ± {100 * sav[1]:.0f} %"} '
                  f'| {fmt_int(mean_ci(own))} '
                  f'| {"– (baseline evaluated at its end only)" if one_point else fmt_int(mean_ci(retrain_to_a))}'
                  f'{f" (never in {never})" if never and not one_point else ""} '
                  f'| {fmt_pct(mean_ci(sav_a))} |')


if __name__ == '__main__':
    args = sys.argv[1:]
    flag = '--initial' in args
    args = [a for a in args if a != '--initial']
    if not args:
        sys.exit(__doc__)
    main(args, flag)
