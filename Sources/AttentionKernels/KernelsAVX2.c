// The kernels for AVX2 with FMA (x86-64 only).
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma,bmi2"))), apply_to = function)
#define AK_SUFFIX avx2
#include "KernelBodies.h"
#pragma clang attribute pop
#endif
