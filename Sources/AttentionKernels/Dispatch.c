// Picks the kernel table: the best level this CPU runs, unless the caller selects a lower one.
#include "include/AttentionKernels.h"
#include <stdatomic.h>

extern const ak_kernel_table ak_table_baseline;
#if defined(__x86_64__)
extern const ak_kernel_table ak_table_avx2;
extern const ak_kernel_table ak_table_avx512;
#endif

ak_level ak_best_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
        && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")) return AK_LEVEL_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return AK_LEVEL_AVX2;
#endif
    return AK_LEVEL_BASELINE;
}

const ak_kernel_table *ak_kernels_at(ak_level level) {
    if ((int)level < 0 || level > ak_best_level()) return NULL;
#if defined(__x86_64__)
    if (level == AK_LEVEL_AVX512) return &ak_table_avx512;
    if (level == AK_LEVEL_AVX2) return &ak_table_avx2;
#endif
    return &ak_table_baseline;
}

// −1 until first use or selection; then the level in use.
static _Atomic int current = -1;

ak_level ak_current_level(void) {
    int level = atomic_load_explicit(&current, memory_order_acquire);
    if (level < 0) {
        level = ak_best_level();
        atomic_store_explicit(&current, level, memory_order_release);
    }
    return (ak_level)level;
}

ak_level ak_select_level(ak_level level) {
    ak_level best = ak_best_level();
    if ((int)level < 0 || level > best) level = best;
    atomic_store_explicit(&current, (int)level, memory_order_release);
    return level;
}

const ak_kernel_table *ak_kernels(void) { return ak_kernels_at(ak_current_level()); }

void ak_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}
