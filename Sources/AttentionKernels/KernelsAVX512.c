// The kernels for AVX-512 F/VL/BW/DQ (x86-64 only).
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma,bmi2"))), apply_to = function)
#define AK_SUFFIX avx512
#include "KernelBodies.h"
#pragma clang attribute pop
#endif
