// A small pool of long-lived threads that split work with the calling thread: the halves of a
// matrix product (OpenBLAS itself runs single-threaded), of an optimiser step, of a batch.
// One pool for all of it keeps the process at one busy thread per core; OpenBLAS's own
// workers, spinning beside a second pool, made some training runs take twice as long.
#ifndef AELAB_WORKERS_H
#define AELAB_WORKERS_H

typedef void (*aelab_part_function)(void *context, long part);

/// Runs function(context, k) for k in 0..<parts, part 0 on the calling thread and the others
/// on the pool's workers, and returns when all have finished. With parts ≤ 1, or while another
/// thread is using the pool, every part runs on the calling thread instead, one after another.
void aelab_run_parts(long parts, aelab_part_function function, void *context);

#endif
