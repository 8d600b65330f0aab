/*
 * A stand-in NVIDIA driver (libcuda.so.1) and CUDA 11 runtime (libcudart.so.11.0 …) for
 * CudaProbeTest: it exercises the probe's paths on a machine without a GPU. The environment
 * variable UW_FAKE_CUDA picks the behaviour of cuInit / cuDriverGetVersion:
 *   ok (default) one "Fake GPU 3000", compute capability 8.6, 24 GB, driver for CUDA 12.4
 *   no-device    cuInit returns CUDA_ERROR_NO_DEVICE (100)
 *   old-driver   the driver supports CUDA 10.2 only
 *   abort        cuInit aborts the process (a crashing driver)
 *   hang         cuInit never returns (a hung driver)
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int is(const char *m) {
    const char *v = getenv("UW_FAKE_CUDA");
    return v != NULL && strcmp(v, m) == 0;
}

int cuInit(unsigned flags) {
    if (is("no-device")) return 100;
    if (is("abort")) abort();
    if (is("hang")) for (;;) sleep(1000);
    return 0;
}
int cuGetErrorName(int e, const char **s) { *s = e == 100 ? "CUDA_ERROR_NO_DEVICE" : "CUDA_ERROR_UNKNOWN"; return 0; }
int cuDriverGetVersion(int *v) { *v = is("old-driver") ? 10020 : 12040; return 0; }
int cuDeviceGetCount(int *n) { *n = 1; return 0; }
int cuDeviceGet(int *d, int ordinal) { *d = ordinal; return 0; }
int cuDeviceGetName(char *name, int len, int d) { strncpy(name, "Fake GPU 3000", len); return 0; }
int cuDeviceGetAttribute(int *v, int attribute, int d) { *v = attribute == 75 ? 8 : 6; return 0; }
int cuDeviceTotalMem_v2(size_t *bytes, int d) { *bytes = 24000000000UL; return 0; }
int cudaRuntimeGetVersion(int *v) { *v = 11060; return 0; }
