// Hot elementwise kernels in C, so that each is compiled for several instruction sets
// (AVX-512, AVX2+FMA, baseline) and the loader picks the best one this CPU runs: Swift code
// is compiled for the x86-64 baseline only, whose 4-wide square roots and divisions made the
// optimiser step the slowest part of a training step.
#ifndef AELAB_CKERNELS_H
#define AELAB_CKERNELS_H
#include <stddef.h>
#include "workers.h"

/// One Adam step over n parameters: m and v updated in place, p -= alpha·m / (√v + eps);
/// g is set to zeros as it is read, which costs almost nothing while its lines are in cache
/// and saves the next backward pass a zeroing pass of its own.
void aelab_adam_step(float *p, float *g, float *m, float *v, size_t n,
                     float alpha, float beta1, float beta2, float eps);

/// One SGD step with Keras-style momentum: vel = mu·vel − lr·g; p += vel; g is zeroed as Adam's.
void aelab_sgd_step(float *p, float *g, float *vel, size_t n, float lr, float mu);

/// Stride-1 convolution between a one-channel map Z [n, ho, wo] and a C-channel map
/// X [n, h, w, c] through a kernel K [kh, kw, c], where Z position (oy, ox) meets X position
/// (oy + ky − pt, ox + kx − pl) at kernel tap (ky, kx); positions outside X are zeros. The three
/// functions are that bilinear form's three directions; the convolutions with one filter, one
/// input channel or one output channel (plain or transposed) are all among them.
///
/// Z = init + Σ_k X·K (or Z += Σ_k X·K when accumulate is set).
void aelab_conv1_dot(float *z, const float *x, const float *k, size_t n, size_t h, size_t w, size_t c,
                     size_t ho, size_t wo, size_t kh, size_t kw, long pt, long pl, float init, int accumulate);

/// X = bias + Σ_k Z·K (bias [c], or zeros when NULL), or X += Σ_k Z·K when accumulate is set.
void aelab_conv1_spread(float *x, const float *z, const float *k, const float *bias, size_t n, size_t h, size_t w,
                        size_t c, size_t ho, size_t wo, size_t kh, size_t kw, long pt, long pl, int accumulate);

/// dK += Σ over positions of Z·X, per tap.
void aelab_conv1_outer(float *dk, const float *z, const float *x, size_t n, size_t h, size_t w, size_t c,
                       size_t ho, size_t wo, size_t kh, size_t kw, long pt, long pl);

/// Max pooling over examples first ..< first + n of NHWC x [·, h, w, c] into y [n, oh, ow, c]
/// (y and at point at those examples' outputs): window (oy, ox) covers rows
/// oy·stride − pt ..< +pool and columns likewise, clipped to the image. `at` gets the flat index
/// into the whole of x of each maximum (the first in row-major window order on ties).
void aelab_maxpool(float *y, int *at, const float *x, size_t first, size_t n, size_t h, size_t w, size_t c,
                   size_t oh, size_t ow, size_t pool, size_t stride, long pt, long pl);

/// dx[at[i]] += g[i] for i < count.
void aelab_scatter_add(float *dx, const float *g, const int *at, size_t count);

/// g = 0 where y ≤ 0 (ReLU's gradient from its output), in place.
void aelab_relu_backward(const float *y, float *g, size_t n);

/// db[j] += Σ_r g[r·width + j], rows in order.
void aelab_add_column_sums(const float *g, size_t rows, size_t width, float *db);

/// Nearest upsampling of x [n, h, w, c] into y [n, h·size, w·size, c].
void aelab_upsample2d(float *y, const float *x, size_t n, size_t h, size_t w, size_t c, size_t size);

/// Its adjoint: dx [n, h, w, c] (+)= the sum of each size×size block of g.
void aelab_upsample2d_backward(float *dx, const float *g, size_t n, size_t h, size_t w, size_t c, size_t size, int accumulate);

/// y = 1 / (1 + e^−x).
void aelab_sigmoid(const float *x, float *y, size_t n);

/// Binary cross-entropy from logits z against targets t: softplus(z) − z·t, elementwise.
void aelab_bce_with_logits(const float *z, const float *t, float *out, size_t n);

/// One LSTM step's element-wise work for `rows` rows of `units` units, Keras's gate order i, f,
/// c, o: z [rows, 4·units] holds the pre-activations x·W + h·U + b and is overwritten with the
/// gates (sigmoid, sigmoid, tanh, sigmoid); then c = f·c_prev + i·g, tanh_c = tanh(c) and
/// h = o·tanh_c. A row whose mask is 0 (a padded step) keeps c_prev and h_prev instead (its
/// tanh_c is zeroed); mask may be NULL (every row real).
void aelab_lstm_step(float *z, const float *c_prev, const float *h_prev, float *c, float *tanh_c, float *h,
                     const float *mask, size_t rows, size_t units);

/// The same step backwards. On entry dh and dc hold the gradients of the step's h and c; on
/// exit dz [rows, 4·units] holds the gradients of the pre-activations, dc that of c_prev, and dh
/// zeros (the caller adds dz·Uᵀ, h_prev's gradient through the recurrent kernel). A masked row
/// gets dz = 0 and keeps dh and dc, which pass through to the previous step unchanged.
void aelab_lstm_step_backward(const float *gates, const float *c_prev, const float *tanh_c, const float *mask,
                              float *dh, float *dc, float *dz, size_t rows, size_t units);

/// Whether this CPU runs `aelab_packed_gemm` (it needs AVX-512).
int aelab_packed_gemm_available(void);

/// Packs B for `aelab_packed_gemm`: the k×n matrix (row-major with row stride ldb; when
/// `transposed`, B is given as its transpose, n×k with row stride ldb) as n/32 panels of k rows
/// of 32 values. n must be a multiple of 32; `packed` holds k·n floats.
void aelab_pack_panels(float *packed, const float *b, size_t ldb, size_t k, size_t n, int transposed);

/// C[m × n] += A[m × k] · B for B packed by `aelab_pack_panels`, over panels
/// first_panel ..< first_panel + panels only (columns 32·first_panel onwards): one call a core
/// splits a product by panels. Row-major, with row strides lda and ldc.
void aelab_packed_gemm(float *c, size_t ldc, const float *a, size_t lda, const float *packed,
                       size_t m, size_t k, size_t first_panel, size_t panels);

#endif
