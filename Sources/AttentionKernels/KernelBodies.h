// The kernels, written once with clang's vector extensions and included by each Kernels*.c
// under that file's instruction set (AK_SUFFIX names the copy). A `v16` is sixteen floats: one
// AVX-512 register, two AVX2 registers or four SSE registers, as the including file's target says.
#include "include/AttentionKernels.h"
#include <math.h>
#include <string.h>

// The helpers below pass v16 by value; they are always inlined, so the vector calling convention
// the warning is about never crosses a call.
#pragma clang diagnostic ignored "-Wpsabi"
#define AK_INLINE static inline __attribute__((always_inline))

#define AK_CAT2(a, b) a##_##b
#define AK_CAT(a, b) AK_CAT2(a, b)
#define AK_FN(name) AK_CAT(name, AK_SUFFIX)

typedef float v16 __attribute__((vector_size(64)));
typedef int v16i __attribute__((vector_size(64)));

AK_INLINE v16 AK_FN(load)(const float *p) { v16 v; memcpy(&v, p, sizeof v); return v; }
AK_INLINE void AK_FN(store)(float *p, v16 v) { memcpy(p, &v, sizeof v); }
AK_INLINE v16 AK_FN(splat)(float x) { return (v16){x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}; }
/// `mask ? a : b` lane by lane (`mask` lanes all ones or all zeros).
AK_INLINE v16 AK_FN(select)(v16i mask, v16 a, v16 b) { return (v16)((mask & (v16i)a) | (~mask & (v16i)b)); }
typedef float v8 __attribute__((vector_size(32)));
typedef float v4 __attribute__((vector_size(16)));

/// The largest lane, as a tree of halves (callers keep NaN out of the lanes).
AK_INLINE float AK_FN(lane_max)(v16 v) {
    v8 a = __builtin_elementwise_max(__builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7),
                                     __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15));
    v4 b = __builtin_elementwise_max(__builtin_shufflevector(a, a, 0, 1, 2, 3), __builtin_shufflevector(a, a, 4, 5, 6, 7));
    const float x = b[0] > b[2] ? b[0] : b[2], y = b[1] > b[3] ? b[1] : b[3];
    return x > y ? x : y;
}

/// The sum of the lanes, as a tree of halves (a few shuffles instead of fifteen lane extractions).
AK_INLINE float AK_FN(lane_sum)(v16 v) {
    v8 a = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7) + __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
    v4 b = __builtin_shufflevector(a, a, 0, 1, 2, 3) + __builtin_shufflevector(a, a, 4, 5, 6, 7);
    return (b[0] + b[2]) + (b[1] + b[3]);
}

/// Whether any lane of a comparison mask is set.
AK_INLINE int AK_FN(any)(v16i mask) { return __builtin_reduce_or(mask) != 0; }

/// e^x lane by lane for x ≤ 0 (a logit minus its softmax's max), the same reduction and
/// polynomial as the Swift `FastExp` (~1 ulp on [−87.3, 0]; 0 below, NaN stays NaN). Every
/// softmax here shifts by its max, so the overflow side is not handled.
AK_INLINE v16 AK_FN(exp)(v16 x) {
    const v16 lower = AK_FN(splat)(-87.33654f);
    const v16i under = x < lower;
    const v16 v = AK_FN(select)(under, lower, x);  // NaN compares false and passes through
    const v16 magic = AK_FN(splat)(12582912.0f);
    v16 t = v * 1.442695040888963f + magic;
    v16 n = t - magic;
    v16 r = v - n * 0.693359375f;
    r = r + n * 2.12194440e-4f;
    v16 p = AK_FN(splat)(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    // n ≥ −126 here, so 2^n is one normal float (a NaN lane stays NaN through p).
    const v16 scale = (v16)((((v16i)t - (v16i)magic) + 127) << 23);
    return AK_FN(select)(under, AK_FN(splat)(0), p * scale);
}

AK_INLINE float AK_FN(exp1)(float x) { return AK_FN(exp)(AK_FN(splat)(x))[0]; }

/// The largest of n values; NaN if any is NaN.
AK_INLINE float AK_FN(row_max)(const float *p, long n) {
    v16 maxima = AK_FN(splat)(-INFINITY);
    v16i nan = {0};
    long t = 0;
    for (; t + 16 <= n; t += 16) {
        v16 x = AK_FN(load)(p + t);
        nan |= x != x;
        maxima = AK_FN(select)(x > maxima, x, maxima);
    }
    float m = AK_FN(lane_max)(maxima);
    int sawNaN = AK_FN(any)(nan);
    for (; t < n; t++) {
        if (p[t] != p[t]) sawNaN = 1;
        if (p[t] > m) m = p[t];
    }
    return sawNaN ? NAN : m;
}

/// Planes a sweep reads at once: each pass over its accumulators adds eight planes, so the
/// accumulators (which outgrow L2 for a 256×256 criss-cross line) are re-read and written 8×
/// per 64 planes instead of 16× with four.
#define AK_SWEEP 8

/// `o[t] += Σ_k a_k[t]·r_k[t]` with `a_k = a + k·as`, `r_k = r + k·rs` (k < planes), for t in
/// [0, n); with `p`, also `p[t] += Σ_k b[k]·r_k[t]` from the same loads. Inlined with a constant
/// `planes` and `p` known to be NULL or not, the plane loop unrolls.
AK_INLINE void AK_FN(sweep_v)(float *o, float *p, long n, int planes, const float *a, long as, const float *b,
                              const float *r, long rs) {
    float bk[AK_SWEEP];  // copied: stores to o and p could alias b, which would keep it in memory
    for (int k = 0; k < planes; k++) bk[k] = p ? b[k] : 0;
    long t = 0;
    for (; t + 16 <= n; t += 16) {
        v16 x = AK_FN(load)(o + t), y = p ? AK_FN(load)(p + t) : AK_FN(splat)(0);
        for (int k = 0; k < planes; k++) {
            const v16 v = AK_FN(load)(r + k * rs + t);
            x += AK_FN(load)(a + k * as + t) * v;
            if (p) y += bk[k] * v;
        }
        AK_FN(store)(o + t, x);
        if (p) AK_FN(store)(p + t, y);
    }
    for (; t < n; t++) {
        for (int k = 0; k < planes; k++) {
            o[t] += a[k * as + t] * r[k * rs + t];
            if (p) p[t] += bk[k] * r[k * rs + t];
        }
    }
}

/// `sweep_v` with one weight `a[k]` per row instead of a row of weights.
AK_INLINE void AK_FN(sweep_s)(float *o, float *p, long n, int planes, const float *a, const float *b,
                              const float *r, long rs) {
    float ak[AK_SWEEP], bk[AK_SWEEP];  // copied: stores to o and p could alias a and b
    for (int k = 0; k < planes; k++) {
        ak[k] = a[k];
        bk[k] = p ? b[k] : 0;
    }
    long t = 0;
    for (; t + 16 <= n; t += 16) {
        v16 x = AK_FN(load)(o + t), y = p ? AK_FN(load)(p + t) : AK_FN(splat)(0);
        for (int k = 0; k < planes; k++) {
            const v16 v = AK_FN(load)(r + k * rs + t);
            x += ak[k] * v;
            if (p) y += bk[k] * v;
        }
        AK_FN(store)(o + t, x);
        if (p) AK_FN(store)(p + t, y);
    }
    for (; t < n; t++) {
        for (int k = 0; k < planes; k++) {
            o[t] += ak[k] * r[k * rs + t];
            if (p) p[t] += bk[k] * r[k * rs + t];
        }
    }
}

/// Accumulator floats a sweep keeps in L2 (128 KB for the logits and the products) while every
/// plane group passes over them: lines are swept in blocks of this many floats of each.
#define AK_SWEEP_BLOCK 16384

/// The plane count of the next group of a sweep over `left` planes: AK_SWEEP, 4 or 1.
AK_INLINE int AK_FN(group)(long left) { return left >= AK_SWEEP ? AK_SWEEP : left >= 4 ? 4 : 1; }

/// `sweep_v` for a group of `planes` (AK_SWEEP, 4 or 1), each case specialised.
AK_INLINE void AK_FN(sweep_vg)(float *o, float *p, long n, int planes, const float *a, long as, const float *b,
                               const float *r, long rs) {
    if (p) {
        if (planes == AK_SWEEP) AK_FN(sweep_v)(o, p, n, AK_SWEEP, a, as, b, r, rs);
        else if (planes == 4) AK_FN(sweep_v)(o, p, n, 4, a, as, b, r, rs);
        else AK_FN(sweep_v)(o, p, n, 1, a, as, b, r, rs);
    } else {
        if (planes == AK_SWEEP) AK_FN(sweep_v)(o, NULL, n, AK_SWEEP, a, as, b, r, rs);
        else if (planes == 4) AK_FN(sweep_v)(o, NULL, n, 4, a, as, b, r, rs);
        else AK_FN(sweep_v)(o, NULL, n, 1, a, as, b, r, rs);
    }
}

/// `sweep_s` for a group of `planes` (AK_SWEEP, 4 or 1), each case specialised.
AK_INLINE void AK_FN(sweep_sg)(float *o, float *p, long n, int planes, const float *a, const float *b,
                               const float *r, long rs) {
    if (p) {
        if (planes == AK_SWEEP) AK_FN(sweep_s)(o, p, n, AK_SWEEP, a, b, r, rs);
        else if (planes == 4) AK_FN(sweep_s)(o, p, n, 4, a, b, r, rs);
        else AK_FN(sweep_s)(o, p, n, 1, a, b, r, rs);
    } else {
        if (planes == AK_SWEEP) AK_FN(sweep_s)(o, NULL, n, AK_SWEEP, a, b, r, rs);
        else if (planes == 4) AK_FN(sweep_s)(o, NULL, n, 4, a, b, r, rs);
        else AK_FN(sweep_s)(o, NULL, n, 1, a, b, r, rs);
    }
}

/// `out[i] = Σ_c q[c]·keys[c·n + i]` for i in [start, end), one AK_BLOCK of pixels (in L1) at a
/// time: a group of key rows per pass over the block, so the keys stream once.
static void AK_FN(dot_planar)(const float *q, const float *keys, long channels, long n, long start, long end,
                               float *out) {
    for (long b0 = start; b0 < end; b0 += AK_BLOCK) {
        const long b1 = b0 + AK_BLOCK < end ? b0 + AK_BLOCK : end;
        memset(out + b0, 0, (size_t)(b1 - b0) * sizeof(float));
        for (long c = 0, planes; c < channels; c += planes) {
            planes = AK_FN(group)(channels - c);
            AK_FN(sweep_sg)(out + b0, NULL, b1 - b0, (int)planes, q + c, NULL, keys + c * n + b0, n);
        }
    }
}

static void AK_FN(logits_exp)(const float *q, const float *keys, long channels, long n, long start, long end,
                               float *out, ak_block_summary *blocks) {
    for (long b0 = start; b0 < end; b0 += AK_BLOCK) {
        long b1 = b0 + AK_BLOCK < end ? b0 + AK_BLOCK : end, i;
        ak_block_summary *summary = blocks + b0 / AK_BLOCK;
        AK_FN(dot_planar)(q, keys, channels, n, b0, b1, out);
        const float m = AK_FN(row_max)(out + b0, b1 - b0);
        summary->max = m;
        summary->total = 0;
        summary->shifted = 0;
        if (m != m) continue;  // a NaN logit: no distribution at all
        if (!isfinite(m)) {  // all −∞ (no mass here) or a +∞ logit (no distribution at all)
            for (i = b0; i < b1; i++) out[i] = 0;
            continue;
        }
        // Exponentials, their sum and Σ e·(l − m) (shifted logits clamped at −1000, where e = 0,
        // to keep 0·(−∞) out).
        const v16 shift = AK_FN(splat)(m), floor = AK_FN(splat)(-1000.0f);
        v16 sums = {0}, masses = {0};
        for (i = b0; i + 16 <= b1; i += 16) {
            v16 x = AK_FN(load)(out + i) - shift;
            v16 e = AK_FN(exp)(x);
            AK_FN(store)(out + i, e);
            sums += e;
            masses += e * AK_FN(select)(x < floor, floor, x);
        }
        double total = AK_FN(lane_sum)(sums), shifted = AK_FN(lane_sum)(masses);
        for (; i < b1; i++) {
            float x = out[i] - m, e = AK_FN(exp1)(x);
            out[i] = e;
            total += e;
            shifted += (double)e * (x < -1000.0f ? -1000.0f : x);
        }
        summary->total = total;
        summary->shifted = shifted;
    }
}

static ak_range_summary AK_FN(scale_blocks)(float *out, long start, long end, const float *scales) {
    ak_range_summary result = {0, -INFINITY, -1};
    v16 maxima = AK_FN(splat)(-INFINITY);
    float tailMax = -INFINITY;
    for (long b0 = start; b0 < end; b0 += AK_BLOCK) {
        long b1 = b0 + AK_BLOCK < end ? b0 + AK_BLOCK : end, i;
        const float s = scales[b0 / AK_BLOCK];
        const v16 scale = AK_FN(splat)(s);
        v16 sums = {0};
        for (i = b0; i + 16 <= b1; i += 16) {
            v16 x = AK_FN(load)(out + i) * scale;
            AK_FN(store)(out + i, x);
            sums += x;
            maxima = AK_FN(select)(x > maxima, x, maxima);
        }
        double sum = AK_FN(lane_sum)(sums);
        for (; i < b1; i++) {
            out[i] *= s;
            sum += out[i];
            if (out[i] > tailMax) tailMax = out[i];
        }
        result.sum += sum;
    }
    float m = AK_FN(lane_max)(maxima);
    result.max = tailMax > m ? tailMax : m;
    if (result.max > -INFINITY) {
        const v16 target = AK_FN(splat)(result.max);
        long i = start;
        for (; i + 16 <= end; i += 16) {
            if (AK_FN(any)(AK_FN(load)(out + i) == target)) break;
        }
        for (; i < end; i++) {
            if (out[i] == result.max) { result.argmax = i; break; }
        }
    }
    return result;
}


// MARK: - Criss-cross lines

/// `Σ_t p[t]·rows_k[t]` for the four rows `r + k·stride`, p loaded once for all four.
AK_INLINE void AK_FN(dot4)(const float *p, const float *r, long stride, long n, float out[4]) {
    v16 s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
    const float *r0 = r, *r1 = r + stride, *r2 = r1 + stride, *r3 = r2 + stride;
    long t = 0;
    for (; t + 16 <= n; t += 16) {
        v16 x = AK_FN(load)(p + t);
        s0 += x * AK_FN(load)(r0 + t);
        s1 += x * AK_FN(load)(r1 + t);
        s2 += x * AK_FN(load)(r2 + t);
        s3 += x * AK_FN(load)(r3 + t);
    }
    float a0 = AK_FN(lane_sum)(s0), a1 = AK_FN(lane_sum)(s1), a2 = AK_FN(lane_sum)(s2), a3 = AK_FN(lane_sum)(s3);
    for (; t < n; t++) { a0 += p[t] * r0[t]; a1 += p[t] * r1[t]; a2 += p[t] * r2[t]; a3 += p[t] * r3[t]; }
    out[0] = a0; out[1] = a1; out[2] = a2; out[3] = a3;
}

/// `Σ_t p[t]·r[t]`.
AK_INLINE float AK_FN(dot1)(const float *p, const float *r, long n) {
    v16 s = {0};
    long t = 0;
    for (; t + 16 <= n; t += 16) s += AK_FN(load)(p + t) * AK_FN(load)(r + t);
    float a = AK_FN(lane_sum)(s);
    for (; t < n; t++) a += p[t] * r[t];
    return a;
}

/// `p[t] = e^(p[t] − shift)` in place; returns the sum.
AK_INLINE float AK_FN(exp_row)(float *p, long n, float shift) {
    const v16 s = AK_FN(splat)(shift);
    v16 sums = {0};
    long t = 0;
    for (; t + 16 <= n; t += 16) {
        v16 e = AK_FN(exp)(AK_FN(load)(p + t) - s);
        AK_FN(store)(p + t, e);
        sums += e;
    }
    float total = AK_FN(lane_sum)(sums);
    for (; t < n; t++) {
        p[t] = AK_FN(exp1)(p[t] - shift);
        total += p[t];
    }
    return total;
}

/// `p[t] *= x` for t in [0, n).
AK_INLINE void AK_FN(scale_row)(float *p, long n, float x) {
    long t = 0;
    for (; t + 16 <= n; t += 16) AK_FN(store)(p + t, AK_FN(load)(p + t) * x);
    for (; t < n; t++) p[t] *= x;
}


/// `c[m·ldc + j] (+)= Σ_k a[m·am + k·ak]·b[k·ldb + j]` for m < M, j < N, k < K (overwrites unless
/// `accumulate`): tiles of 4 × 32 results stay in registers while k runs, so each loaded `b`
/// vector feeds four multiply-adds.
/// With `upper`, tiles entirely left of the diagonal (j + 32 ≤ m) are skipped (see `gemm_symmetric`).
static void AK_FN(gemm)(long M, long N, long K, const float *a, long am, long ak, const float *b, long ldb,
                        float *c, long ldc, int accumulate, int upper) {
    long m = 0;
    for (; m + 4 <= M; m += 4) {
        const float *a0 = a + m * am, *a1 = a0 + am, *a2 = a1 + am, *a3 = a2 + am;
        long j = upper ? m / 32 * 32 : 0;
        for (; j + 32 <= N; j += 32) {
            v16 c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0}, c21 = {0}, c30 = {0}, c31 = {0};
            for (long k = 0; k < K; k++) {
                const float *bk = b + k * ldb + j;
                const v16 b0 = AK_FN(load)(bk), b1 = AK_FN(load)(bk + 16);
                const float x0 = a0[k * ak], x1 = a1[k * ak], x2 = a2[k * ak], x3 = a3[k * ak];
                c00 += x0 * b0; c01 += x0 * b1;
                c10 += x1 * b0; c11 += x1 * b1;
                c20 += x2 * b0; c21 += x2 * b1;
                c30 += x3 * b0; c31 += x3 * b1;
            }
            float *r0 = c + m * ldc + j, *r1 = r0 + ldc, *r2 = r1 + ldc, *r3 = r2 + ldc;
            if (accumulate) {
                c00 += AK_FN(load)(r0); c01 += AK_FN(load)(r0 + 16); c10 += AK_FN(load)(r1); c11 += AK_FN(load)(r1 + 16);
                c20 += AK_FN(load)(r2); c21 += AK_FN(load)(r2 + 16); c30 += AK_FN(load)(r3); c31 += AK_FN(load)(r3 + 16);
            }
            AK_FN(store)(r0, c00); AK_FN(store)(r0 + 16, c01); AK_FN(store)(r1, c10); AK_FN(store)(r1 + 16, c11);
            AK_FN(store)(r2, c20); AK_FN(store)(r2 + 16, c21); AK_FN(store)(r3, c30); AK_FN(store)(r3 + 16, c31);
        }
        for (; j < N; j++) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (long k = 0; k < K; k++) {
                const float y = b[k * ldb + j];
                s0 += a0[k * ak] * y; s1 += a1[k * ak] * y; s2 += a2[k * ak] * y; s3 += a3[k * ak] * y;
            }
            float *r = c + m * ldc + j;
            if (accumulate) { r[0] += s0; r[ldc] += s1; r[2 * ldc] += s2; r[3 * ldc] += s3; }
            else { r[0] = s0; r[ldc] = s1; r[2 * ldc] = s2; r[3 * ldc] = s3; }
        }
    }
    for (; m < M; m++) {
        const float *a0 = a + m * am;
        float *r = c + m * ldc;
        if (!accumulate) memset(r, 0, (size_t)N * sizeof(float));
        for (long k = 0; k < K; k++) {
            const float x = a0[k * ak], *bk = b + k * ldb;
            long j = 0;
            for (; j + 16 <= N; j += 16) AK_FN(store)(r + j, AK_FN(load)(r + j) + x * AK_FN(load)(bk + j));
            for (; j < N; j++) r[j] += x * bk[j];
        }
    }
}

/// `gemm` (overwriting) of a product known to be symmetric (M = N, `c[m][j] = c[j][m]` up to
/// rounding: a Gram matrix): only the tiles on and right of the diagonal are multiplied, the
/// rest copied across it (about half the multiply-adds).
static void AK_FN(gemm_symmetric)(long M, long K, const float *a, long am, long ak, const float *b, long ldb,
                                  float *c, long ldc) {
    AK_FN(gemm)(M, M, K, a, am, ak, b, ldb, c, ldc, 0, 1);
    // Row t (below the last four-row tile) skipped columns s < (t − t % 4) / 32 · 32: copied in
    // 16 × 16 blocks, so reading the columns of the upper part touches each cache line once.
    const long rows = M - M % 4;
    for (long t0 = 0; t0 < rows; t0 += 16) {
        const long t1 = t0 + 16 < rows ? t0 + 16 : rows;
        for (long s0 = 0; s0 < t1; s0 += 16) {
            for (long t = t0; t < t1; t++) {
                const long skipped = (t - t % 4) / 32 * 32, s1 = s0 + 16 < skipped ? s0 + 16 : skipped;
                for (long s = s0; s < s1; s++) c[t * ldc + s] = c[s * ldc + t];
            }
        }
    }
}

static void AK_FN(cross_gather)(const ak_cross_layer *L, long index, int isRow, const ak_cross_scratch *s) {
    const long h = L->height, w = L->width, n = h * w, d = L->dimension, C = L->channels;
    const float f = L->factor;
    if (isRow) {
        // Row i's planes sit 2^k floats apart and share cache sets: its keys and values, which
        // every position re-reads, are copied together.
        for (long c = 0; c < d; c++) {
            const float *src = L->queries + c * n + index * w;
            float *dst = s->queries + c * w;
            for (long t = 0; t < w; t++) dst[t] = f * src[t];
            memcpy(s->lineKeys + c * w, L->keys + c * n + index * w, (size_t)w * sizeof(float));
        }
        for (long c = 0; c < C; c++) memcpy(s->lineValues + c * w, L->values + c * n + index * w, (size_t)w * sizeof(float));
        return;
    }
    // A column is H scattered loads per plane: arrays sharing storage (identity projections) are read once.
    for (long c = 0; c < C; c++) {
        const float *src = L->values + c * n + index;
        float *dst = s->lineValues + c * h;
        for (long t = 0; t < h; t++) dst[t] = src[t * w];
    }
    for (long c = 0; c < d; c++) {
        float *dst = s->lineKeys + c * h;
        if (L->keys == L->values) { memcpy(dst, s->lineValues + c * h, (size_t)h * sizeof(float)); continue; }
        const float *src = L->keys + c * n + index;
        for (long t = 0; t < h; t++) dst[t] = src[t * w];
    }
    for (long c = 0; c < d; c++) {
        float *dst = s->queries + c * h;
        if (L->queries == L->keys) {
            for (long t = 0; t < h; t++) dst[t] = f * s->lineKeys[c * h + t];
            continue;
        }
        const float *src = L->queries + c * n + index;
        for (long t = 0; t < h; t++) dst[t] = f * src[t * w];
    }
}

/// Row line i, positions (i, t) for t in [t0, t1), its weights written entry-major: the across
/// part `X[r][t]` (A·B), then the along part `G[s][t]` (B·B). Both logits are vectorised along t,
/// the joint softmax runs lane by lane, then the outputs (if wanted). The sweeps over the map
/// read its planes in memory order, a group at a time.
static void AK_FN(cross_row)(const ak_cross_layer *L, long i, long t0, long t1, const ak_cross_scratch *s,
                             float *weights, float *values, const float *direction, float *products) {
    const long A = L->height, B = L->width, n = A * B, d = L->dimension, C = L->channels, len = t1 - t0;
    const float *Q = s->queries + t0, *LK = s->lineKeys, *LV = s->lineValues;
    float *X = weights + t0, *GT = weights + A * B + t0, *m = s->shifts, *sums = s->sums;
    // Across logits X[r][t] = Σ_c Q[c][t]·k[c][r][t], a group of planes at a time over a block of
    // rows; the products P[r][t] = Σ_c D[c]·v[c][r][t] ride along when the keys are the values.
    const float *K = L->keys + t0;
    const int fused = direction && L->keys == L->values;
    float *P = fused ? products + t0 : NULL;
    for (long r = 0; r < A; r++) memset(X + r * B, 0, (size_t)len * sizeof(float));
    if (P) for (long r = 0; r < A; r++) memset(P + r * B, 0, (size_t)len * sizeof(float));
    const long rows = len < AK_SWEEP_BLOCK ? AK_SWEEP_BLOCK / len : 1;
    for (long r0 = 0; r0 < A; r0 += rows) {
        const long r1 = r0 + rows < A ? r0 + rows : A;
        for (long c = 0, planes; c < d; c += planes) {
            planes = AK_FN(group)(d - c);
            for (long r = r0; r < r1; r++)
                AK_FN(sweep_vg)(X + r * B, P ? P + r * B : NULL, len, (int)planes, Q + c * B, B,
                                P ? direction + c : NULL, K + c * n + r * B, n);
        }
    }
    if (direction && !fused)
        for (long r = 0; r < A; r++) AK_FN(dot_planar)(direction, L->values, C, n, r * B + t0, r * B + t1, products);
    // CCNet's −∞ on the vertical branch's self entry: key (i, t) of position (i, t).
    for (long t = 0; t < len; t++) X[i * B + t] = -INFINITY;
    // Along logits, transposed: GT[s][t] = Σ_c k[c][i][s]·Q[c][t] (row i's keys gathered as `[c][s]`);
    // a Gram matrix, half of it multiplied, when the queries are the keys.
    if (len == B && L->queries == L->keys) AK_FN(gemm_symmetric)(B, d, LK, 1, B, Q, B, GT, B);
    else AK_FN(gemm)(B, len, d, LK, 1, B, Q, B, GT, B, 0, 0);
    // The joint softmax of each position t over X[·][t] and GT[·][t], along t.
    for (long t = 0; t < len; t++) m[t0 + t] = -INFINITY;
    for (long r = 0; r < A + B; r++) {
        const float *x = r < A ? X + r * B : GT + (r - A) * B;
        long t = 0;
        for (; t + 16 <= len; t += 16) {
            v16 v = AK_FN(load)(x + t), mt = AK_FN(load)(m + t0 + t);
            // A NaN logit makes the maximum NaN (and with it every weight of that position).
            AK_FN(store)(m + t0 + t, AK_FN(select)((v > mt) | (v != v), v, mt));
        }
        for (; t < len; t++) if (x[t] > m[t0 + t] || x[t] != x[t]) m[t0 + t] = x[t];
    }
    for (long t = t0; t < t1; t++) {
        if (!isfinite(m[t])) m[t] = NAN;  // NaN, all −∞ or a +∞: no distribution
        sums[t] = 0;
    }
    for (long r = 0; r < A + B; r++) {
        float *x = r < A ? X + r * B : GT + (r - A) * B;
        long t = 0;
        for (; t + 16 <= len; t += 16) {
            v16 e = AK_FN(exp)(AK_FN(load)(x + t) - AK_FN(load)(m + t0 + t));
            AK_FN(store)(x + t, e);
            AK_FN(store)(sums + t0 + t, AK_FN(load)(sums + t0 + t) + e);
        }
        for (; t < len; t++) {
            x[t] = AK_FN(exp1)(x[t] - m[t0 + t]);
            sums[t0 + t] += x[t];
        }
    }
    for (long t = t0; t < t1; t++) sums[t] = 1 / sums[t];
    for (long r = 0; r < A + B; r++) {
        float *x = r < A ? X + r * B : GT + (r - A) * B;
        long t = 0;
        for (; t + 16 <= len; t += 16) AK_FN(store)(x + t, AK_FN(load)(x + t) * AK_FN(load)(sums + t0 + t));
        for (; t < len; t++) x[t] *= sums[t0 + t];
    }
    if (!values) return;
    // Outputs Σ_r X[r][t]·v[c][r][t] + Σ_s G[t][s]·v[c][i][s] into values[c][t], then v + γ·(…).
    for (long c = 0; c < C; c++) memset(values + c * B + t0, 0, (size_t)len * sizeof(float));
    const float *V = L->values + t0;
    for (long c = 0; c < C; c++) {
        float *o = values + c * B + t0;
        for (long r = 0, rows; r < A; r += rows) {
            rows = AK_FN(group)(A - r);
            AK_FN(sweep_vg)(o, NULL, len, (int)rows, X + r * B, B, NULL, V + c * n + r * B, B);
        }
    }
    // The along part Σ_s v[c][i][s]·GT[s][t], then v + γ·(…).
    AK_FN(gemm)(C, len, B, LV, B, 1, GT, B, values + t0, B, 1, 0);
    for (long c = 0; c < C; c++) {
        float *o = values + c * B + t0;
        const float *line = LV + c * B + t0;
        for (long t = 0; t < len; t++) o[t] = line[t] + L->gamma * o[t];
    }
}

/// Column line j, positions (t, j) for t in [t0, t1), its weights written position-major in
/// CCNet's layout: position t's along part (B entries), then its across part (A entries).
/// Position t's across keys are image row t of every key plane; those rows sit 2^k floats apart
/// (shared cache sets, short prefetch streams), so the across logits and the outputs (if wanted)
/// are sweeps over the planes in memory order, a group of planes at a time, around the
/// per-position softmax.
static void AK_FN(cross_column)(const ak_cross_layer *L, long j, long t0, long t1, const ak_cross_scratch *s,
                                float *weights, float *values, const float *direction, float *products) {
    const long B = L->height, A = L->width, n = A * B, d = L->dimension, C = L->channels, k = A + B;
    const float *Q = s->queries, *LK = s->lineKeys, *LV = s->lineValues;
    long c, planes;
    // Across logits x_t[w] = Σ_c Q[c][t]·k[c][t][w], a group of planes at a time over a block of
    // positions; the products P[t][w] = Σ_c D[c]·v[c][t][w] ride along when the keys are the values.
    const int fused = direction && L->keys == L->values;
    float *P = fused ? products : NULL;
    for (long t = t0; t < t1; t++) memset(weights + t * k + B, 0, (size_t)A * sizeof(float));
    if (P) memset(P + t0 * A, 0, (size_t)((t1 - t0) * A) * sizeof(float));
    const long rows = A < AK_SWEEP_BLOCK ? AK_SWEEP_BLOCK / A : 1;
    for (long r0 = t0; r0 < t1; r0 += rows) {
        const long r1 = r0 + rows < t1 ? r0 + rows : t1;
        for (c = 0; c < d; c += planes) {
            planes = AK_FN(group)(d - c);
            for (long t = r0; t < r1; t++) {
                float a[AK_SWEEP];
                for (int q = 0; q < planes; q++) a[q] = Q[(c + q) * B + t];
                AK_FN(sweep_sg)(weights + t * k + B, P ? P + t * A : NULL, A, (int)planes, a,
                                P ? direction + c : NULL, L->keys + c * n + t * A, n);
            }
        }
    }
    if (direction && !fused) AK_FN(dot_planar)(direction, L->values, C, n, t0 * A, t1 * A, products);
    // Along logits g_t[s] = Σ_c Q[c][t]·k[c][s][j] (the column gathered as `[c][s]`); a Gram matrix,
    // half of it multiplied, when the queries are the keys.
    if (t0 == 0 && t1 == B && L->queries == L->keys) AK_FN(gemm_symmetric)(B, d, Q, 1, B, LK, B, weights, k);
    else AK_FN(gemm)(t1 - t0, B, d, Q + t0, 1, B, LK, B, weights + t0 * k, k, 0, 0);
    for (long t = t0; t < t1; t++) {
        float *g = weights + t * k, *x = g + B;
        g[t] = -INFINITY;  // CCNet's −∞ on the vertical branch's self entry
        float mx = AK_FN(row_max)(x, A), mg = AK_FN(row_max)(g, B);
        float m = mx > mg ? mx : mg;
        float shift = (mx != mx || mg != mg || !isfinite(m)) ? NAN : m;
        float inv = 1 / (AK_FN(exp_row)(x, A, shift) + AK_FN(exp_row)(g, B, shift));
        AK_FN(scale_row)(x, A, inv);
        AK_FN(scale_row)(g, B, inv);
        if (!values) continue;
        // The along part of the outputs, Σ_s g[s]·v[c][s][j]; the across part follows.
        for (c = 0; c + 4 <= C; c += 4) {
            float along[4];
            AK_FN(dot4)(g, LV + c * B, B, B, along);
            for (int q = 0; q < 4; q++) values[(c + q) * B + t] = along[q];
        }
        for (; c < C; c++) values[c * B + t] = AK_FN(dot1)(g, LV + c * B, B);
    }
    if (!values) return;
    // Across sums Σ_w x_t[w]·v[c][t][w], then v + γ·(across + along).
    for (c = 0; c + 4 <= C; c += 4) {
        for (long t = t0; t < t1; t++) {
            float across[4];
            AK_FN(dot4)(weights + t * k + B, L->values + c * n + t * A, n, A, across);
            for (int q = 0; q < 4; q++) values[(c + q) * B + t] += across[q];
        }
    }
    for (; c < C; c++) {
        for (long t = t0; t < t1; t++) values[c * B + t] += AK_FN(dot1)(weights + t * k + B, L->values + c * n + t * A, A);
    }
    for (c = 0; c < C; c++) {
        for (long t = t0; t < t1; t++) values[c * B + t] = LV[c * B + t] + L->gamma * values[c * B + t];
    }
}

static void AK_FN(cross_line)(const ak_cross_layer *L, long index, int isRow, long t0, long t1,
                              const ak_cross_scratch *s, float *weights, float *values, const float *direction,
                              float *products) {
    if (isRow) AK_FN(cross_row)(L, index, t0, t1, s, weights, values, direction, products);
    else AK_FN(cross_column)(L, index, t0, t1, s, weights, values, direction, products);
}

/// The relay sums of one line's weights (layout as `cross_line` writes them) with the planar map g.
static void AK_FN(cross_relay)(const float *weights, long height, long width, long index, int isRow,
                               const float *g, float *out, float *scratch) {
    const long h = height, w = width, k = h + w;
    if (isRow) {
        // Column parts Σ_r A[r][t]·g[r][t] and row parts Σ_s g[index][s]·A[h + s][t], along t.
        memset(out, 0, (size_t)w * sizeof(float));
        for (long r = 0; r < h; r++) {
            const float *a = weights + r * w, *gr = g + r * w;
            long t = 0;
            for (; t + 16 <= w; t += 16) AK_FN(store)(out + t, AK_FN(load)(out + t) + AK_FN(load)(a + t) * AK_FN(load)(gr + t));
            for (; t < w; t++) out[t] += a[t] * gr[t];
        }
        const float *gi = g + index * w;
        for (long q = 0, planes; q < w; q += planes) {
            planes = AK_FN(group)(w - q);
            AK_FN(sweep_sg)(out, NULL, w, (int)planes, gi + q, NULL, weights + (h + q) * w, w);
        }
        return;
    }
    // Column parts over column `index` (gathered into scratch), row parts over image row t.
    for (long r = 0; r < h; r++) scratch[r] = g[r * w + index];
    for (long t = 0; t < h; t++) {
        const float *a = weights + t * k;
        out[t] = AK_FN(dot1)(a, scratch, h) + AK_FN(dot1)(a + h, g + t * w, w);
    }
}

/// Adds `Σ_t s[t]·A(t → ·)` of one line's weights onto the planar map z.
static void AK_FN(cross_spread)(const float *weights, long height, long width, long index, int isRow,
                                const float *s, float *z, float *scratch) {
    const long h = height, w = width, k = h + w;
    if (isRow) {
        // Column parts land on every image row r (entry r of position t is pixel (r, t)); row
        // parts all on row `index`: z[index][x] += Σ_t A[h + x][t]·s[t].
        for (long r = 0; r < h; r++) {
            const float *a = weights + r * w;
            float *zr = z + r * w;
            long t = 0;
            for (; t + 16 <= w; t += 16) AK_FN(store)(zr + t, AK_FN(load)(zr + t) + AK_FN(load)(s + t) * AK_FN(load)(a + t));
            for (; t < w; t++) zr[t] += s[t] * a[t];
        }
        float *zi = z + index * w;
        for (long x = 0; x + 4 <= w; x += 4) {
            float sums[4];
            AK_FN(dot4)(s, weights + (h + x) * w, w, w, sums);
            for (int q = 0; q < 4; q++) zi[x + q] += sums[q];
        }
        for (long x = w - w % 4; x < w; x++) zi[x] += AK_FN(dot1)(s, weights + (h + x) * w, w);
        return;
    }
    // Row parts land on image row t; column parts all on column `index`, summed in scratch first.
    memset(scratch, 0, (size_t)h * sizeof(float));
    for (long t = 0; t < h; t++) {
        const float st = s[t];
        if (st == 0) continue;
        const float *a = weights + t * k;
        float *zt = z + t * w;
        AK_FN(sweep_sg)(scratch, NULL, h, 1, &st, NULL, a, 0);
        AK_FN(sweep_sg)(zt, NULL, w, 1, &st, NULL, a + h, 0);
    }
    for (long r = 0; r < h; r++) z[r * w + index] += scratch[r];
}


// MARK: - Map statistics

/// `x = 2^e·m` lane by lane as `(e, ln m)` with m in [√½, √2) and ln m from the atanh series
/// `2s(1 + s²/3 + s⁴/5 + s⁶/7 + s⁸/9)`, s = (m − 1)/(m + 1) (~1e-7 absolute; Swift's `FastLog`).
/// Only meaningful for positive normal x.
AK_INLINE void AK_FN(log_split)(v16 x, v16 *exponent, v16 *logMantissa) {
    const v16i bits = (v16i)x;
    // The biased exponent as a float without a conversion: 2^23 + e, minus 2^23.
    v16 e = (v16)(((bits >> 23) & 0xff) | 0x4B000000) - 8388608.0f - 127.0f;
    v16 m = (v16)((bits & 0x007FFFFF) | 0x3F800000);
    const v16i high = m > 1.4142135f;
    m = AK_FN(select)(high, m * 0.5f, m);
    e = AK_FN(select)(high, e + 1.0f, e);
    const v16 t = (m - 1.0f) / (m + 1.0f), z = t * t;
    v16 p = z * (1.0f / 9.0f) + 1.0f / 7.0f;
    p = p * z + 1.0f / 5.0f;
    p = p * z + 1.0f / 3.0f;
    p = p * z + 1.0f;
    *exponent = e;
    *logMantissa = 2.0f * t * p;
}

static void AK_FN(map_summary)(const float *w, long n, ak_map_summary *out) {
    // Σ (NaN left out) in float over blocks of 128, then in double; the max over non-NaN weights.
    double sum = 0;
    v16 maxima = AK_FN(splat)(-INFINITY);
    v16i nanCounts = {0};
    const long vectorEnd = n - n % 16;
    long i = 0;
    while (i < vectorEnd) {
        const long blockEnd = i + 128 < vectorEnd ? i + 128 : vectorEnd;
        v16 sums = {0};
        for (; i < blockEnd; i += 16) {
            const v16 x = AK_FN(load)(w + i);
            const v16i nan = x != x;
            nanCounts -= nan;  // true lanes are −1
            sums += AK_FN(select)(nan, AK_FN(splat)(0), x);
            maxima = AK_FN(select)(x > maxima, x, maxima);
        }
        sum += AK_FN(lane_sum)(sums);
    }
    float maxValue = AK_FN(lane_max)(maxima);
    long nans = 0;
    nans = __builtin_reduce_add(nanCounts);
    for (; i < n; i++) {
        if (w[i] != w[i]) { nans++; continue; }
        sum += w[i];
        if (w[i] > maxValue) maxValue = w[i];
    }
    long argmax = -1;
    if (maxValue > -INFINITY) {
        const v16 target = AK_FN(splat)(maxValue);
        for (i = 0; i < vectorEnd && !AK_FN(any)(AK_FN(load)(w + i) == target); i += 16) {}
        for (; i < n; i++) if (w[i] == maxValue) { argmax = i; break; }
    }
    // Σ w·ln w = ln 2·Σ w·e + Σ w·ln m over positive normal finite w, per 128 in float, then double.
    double exponentPart = 0, mantissaPart = 0, positive = 0;
    const v16 least = AK_FN(splat)(1.17549435e-38f), infinity = AK_FN(splat)(INFINITY), zero = AK_FN(splat)(0);
    for (i = 0; i < n;) {
        const long blockEnd = i + 128 < n ? i + 128 : n;
        v16 exponents = zero, mantissas = zero, masses = zero;
        for (; i < blockEnd; i += 16) {
            v16 x;
            if (i + 16 <= n) {
                x = AK_FN(load)(w + i);
            } else {
                x = zero;
                for (long j = i; j < n; j++) x[j - i] = w[j];
            }
            const v16i used = (x >= least) & (x < infinity);
            if (!AK_FN(any)(used)) continue;  // sparse maps (windows, samples) are mostly 0
            v16 e, lm;
            AK_FN(log_split)(x, &e, &lm);
            const v16 v = AK_FN(select)(used, x, zero);
            exponents += v * e;
            mantissas += v * lm;
            masses += v;
        }
        exponentPart += AK_FN(lane_sum)(exponents);
        mantissaPart += AK_FN(lane_sum)(mantissas);
        positive += AK_FN(lane_sum)(masses);
    }
    out->sum = sum;
    out->max = maxValue;
    out->argmax = argmax;
    out->nans = nans;
    out->weighted = exponentPart * 0.6931471805599453 + mantissaPart;
    out->positive = positive;
}

const ak_kernel_table AK_FN(ak_table) = {
    .dot_planar = AK_FN(dot_planar),
    .logits_exp = AK_FN(logits_exp),
    .scale_blocks = AK_FN(scale_blocks),
    .cross_gather = AK_FN(cross_gather),
    .cross_line = AK_FN(cross_line),
    .cross_relay = AK_FN(cross_relay),
    .cross_spread = AK_FN(cross_spread),
    .map_summary = AK_FN(map_summary),
};
