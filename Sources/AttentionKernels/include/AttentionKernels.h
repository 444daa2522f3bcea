/// Hot loops of the attention mechanisms, compiled once per instruction set and picked at run
/// time (AVX-512, AVX2 + FMA, or the baseline of the build target).
///
/// Swift cannot compile one function for several instruction sets, and a global `-mavx2` would
/// make the binary crash on older CPUs; so these few loops are C, written with clang's portable
/// vector extensions, built three times (see `Kernels*.c`) and dispatched through `ak_kernels()`.
/// Every array is planar float32; sizes are element counts.
#ifndef ATTENTION_KERNELS_H
#define ATTENTION_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Pixels per block of `logits_exp`: one block's logits stay in the L1 cache.
#define AK_BLOCK 1024

/// The instruction sets a kernel table is built for.
typedef enum {
    /// The build target's baseline (SSE2 on x86-64).
    AK_LEVEL_BASELINE = 0,
    /// AVX2 with FMA.
    AK_LEVEL_AVX2 = 1,
    /// AVX-512 (F, VL, BW, DQ).
    AK_LEVEL_AVX512 = 2,
} ak_level;

/// What `logits_exp` learns about one block of logits.
typedef struct {
    /// The block's largest logit (−∞ for an empty or all −∞ block; NaN if any logit is NaN).
    float max;
    /// Σ e^(l − max) over the block.
    double total;
    /// Σ e^(l − max)·(l − max) over the block (shifted logits below −1000 count as −1000).
    double shifted;
} ak_block_summary;

/// What `scale_blocks` learns about the scaled weights of a range.
typedef struct {
    /// Σ of the weights as stored.
    double sum;
    /// The largest weight (−∞ if the range is empty).
    float max;
    /// The first index holding `max`, −1 if none.
    long argmax;
} ak_range_summary;

/// What `map_summary` learns about a weight map.
typedef struct {
    /// Σ of the weights that are not NaN.
    double sum;
    /// The largest weight that is not NaN (−∞ if none).
    float max;
    /// The first index holding `max`, −1 if none.
    long argmax;
    /// How many weights are NaN.
    long nans;
    /// Σ w·ln w over the positive, normal, finite weights.
    double weighted;
    /// Σ w over those weights.
    double positive;
} ak_map_summary;

/// One criss-cross pass's input, as `CrossLayer` holds it (planar arrays, `[plane][H·W]`).
typedef struct {
    long height, width;
    /// Query/key dimension d and value channels C.
    long dimension, channels;
    const float *queries, *keys, *values;
    /// scale / T, applied to the queries.
    float factor;
    /// The residual weight γ of `x + γ·CCA(x)`.
    float gamma;
} ak_cross_layer;

/// Working arrays of one line (B positions along it); the kernels of one line may run on disjoint
/// position ranges at once, each touching only its positions.
typedef struct {
    /// Scaled queries of the line's positions, `[c][b]` (d·B).
    float *queries;
    /// The line's keys and values gathered, `[c][b]` (d·B and C·B).
    float *lineKeys, *lineValues;
    /// Per position: softmax shift, then the inverse sum (B each).
    float *shifts, *sums;
} ak_cross_scratch;

/// One instruction set's kernels.
typedef struct {
    /// `out[i] = Σ_c q[c]·keys[c·n + i]` for i in [start, end).
    void (*dot_planar)(const float *q, const float *keys, long channels, long n, long start, long end, float *out);
    /// For each AK_BLOCK-aligned block of [start, end): the logits `q·k_i` as `dot_planar`, then
    /// `out[i] = e^(l_i − block max)`, and the block's summary in `blocks[i / AK_BLOCK]`.
    /// `start` must be a multiple of AK_BLOCK.
    void (*logits_exp)(const float *q, const float *keys, long channels, long n, long start, long end,
                       float *out, ak_block_summary *blocks);
    /// `out[i] *= scales[i / AK_BLOCK]` for i in [start, end) (start a multiple of AK_BLOCK), and
    /// the sum, max and first argmax of the results.
    ak_range_summary (*scale_blocks)(float *out, long start, long end, const float *scales);
    /// Gathers line `index`'s scaled queries, its keys and its values into `s`.
    void (*cross_gather)(const ak_cross_layer *layer, long index, int isRow, const ak_cross_scratch *s);
    /// Runs one criss-cross pass at the positions [t0, t1) of row or column line `index` (after
    /// `cross_gather`): the joint softmax over each position's column and row, with CCNet's −∞ on
    /// the column branch's self entry. A NaN logit, or none finite, makes that position's weights NaN.
    ///
    /// `weights` (B·(H+W) floats) gets a column line's weights position-major, `[t·(H+W) + e]` in
    /// CCNet's layout (column part, then row part), and a row line's entry-major, `[e·W + t]`
    /// (the same entries, each a run along the row). Unless `values` is NULL,
    /// `values[c·B + t] = v + γ·Σ a·v`.
    ///
    /// Unless `direction` (C values) is NULL, also `products[p] = Σ_c direction[c]·v[c][p]` for the
    /// pixels p the range sweeps across (a column line's image rows [t0, t1), a row line's image
    /// columns), in the same sweep over the map when the keys are the values. Disjoint ranges of
    /// one line may run at once.
    void (*cross_line)(const ak_cross_layer *layer, long index, int isRow, long t0, long t1,
                       const ak_cross_scratch *s, float *weights, float *values, const float *direction,
                       float *products);
    /// `out[t] = Σ_e A(t → e)·g(pixel of e)` for the B positions of a line whose weights
    /// `cross_line` wrote (`weights`, row line `index` if `isRow`, else column line `index`), with
    /// the planar H×W map g. `scratch`: H floats.
    void (*cross_relay)(const float *weights, long height, long width, long index, int isRow, const float *g,
                        float *out, float *scratch);
    /// Adds `Σ_t s[t]·A(t → ·)` of such a line onto the planar H×W map z. `scratch`: H floats.
    void (*cross_spread)(const float *weights, long height, long width, long index, int isRow, const float *s,
                         float *z, float *scratch);
    /// Σ, max, first argmax, NaN count and the entropy sums of n weights.
    void (*map_summary)(const float *weights, long n, ak_map_summary *out);
} ak_kernel_table;

/// The kernels in use: the best level this CPU runs, or the one `ak_select_level` chose.
const ak_kernel_table *ak_kernels(void);

/// The level `ak_kernels()` uses.
ak_level ak_current_level(void);

/// Makes `level` the one `ak_kernels()` uses, lowered to the best this CPU runs; returns the
/// level in use. Only the caller decides (nothing here reads the environment).
ak_level ak_select_level(ak_level level);

/// The best level this CPU runs.
ak_level ak_best_level(void);

/// The kernels of `level`, or NULL if this CPU (or build) lacks it; for tests that compare levels.
const ak_kernel_table *ak_kernels_at(ak_level level);

/// A hint to the CPU that the caller is polling a flag (x86 `pause`; nothing elsewhere).
void ak_spin_pause(void);

#ifdef __cplusplus
}
#endif

#endif
