// Hot elementwise kernels in C, so that each is compiled for several instruction sets
// (AVX-512, AVX2+FMA, baseline) and the loader picks the best one this CPU runs: Swift code
// is compiled for the x86-64 baseline only, whose 4-wide square roots and divisions made the
// optimiser step the slowest part of a training step.
#ifndef AELAB_CKERNELS_H
#define AELAB_CKERNELS_H
#include <stddef.h>

/// One Adam step over n parameters: m and v updated in place, p -= alpha·m / (√v + eps).
void aelab_adam_step(float *p, const float *g, float *m, float *v, size_t n,
                     float alpha, float beta1, float beta2, float eps);

/// One SGD step with Keras-style momentum: vel = mu·vel − lr·g; p += vel.
void aelab_sgd_step(float *p, const float *g, float *vel, size_t n, float lr, float mu);

#endif
