#include "workers.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#define RELAX() __builtin_ia32_pause()
#else
#define RELAX() ((void)0)
#endif

enum { MAX_WORKERS = 15 };
// How long an idle worker keeps polling for the next job before it sleeps. Training calls the
// pool every few tens of microseconds (each matrix product, the optimiser step), and waking a
// sleeping thread costs about as much as a small product; polling stops once work dries up.
static const long SPIN_NANOSECONDS = 200000;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t in_use = PTHREAD_MUTEX_INITIALIZER;  // one caller at a time
static long started;                                         // workers running, under in_use
static atomic_long generation;                               // bumped per job
static atomic_long sleepers;                                 // workers in (or entering) cond_wait
static long job_parts;
static aelab_part_function job_function;
static void *job_context;
static atomic_long remaining;                                // workers yet to finish this job
// The generation each worker was started at: it waits for the next one, and never mistakes an
// earlier job (whose context may be gone) for its first.
static long first_generation[MAX_WORKERS + 1];

static long nanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

/// Waits until the generation moves past `seen`: polling for a while, then asleep.
static long next_generation(long seen) {
    long deadline = nanoseconds() + SPIN_NANOSECONDS;
    for (long i = 1;; i++) {
        long g = atomic_load_explicit(&generation, memory_order_acquire);
        if (g != seen) return g;
        RELAX();
        if ((i & 255) == 0) {
            if (nanoseconds() > deadline) break;
            // Let a thread that shares this core run (the caller, if the system put it here).
            sched_yield();
        }
    }
    pthread_mutex_lock(&lock);
    // Announce the sleep before the last look (both sequentially consistent), so that a caller
    // bumping the generation either is seen here or sees this sleeper and signals.
    atomic_fetch_add(&sleepers, 1);
    long g;
    while ((g = atomic_load(&generation)) == seen) pthread_cond_wait(&wake, &lock);
    atomic_fetch_sub(&sleepers, 1);
    pthread_mutex_unlock(&lock);
    return g;
}

static void *worker_main(void *argument) {
    long index = (long)argument, seen = first_generation[index];
    for (;;) {
        seen = next_generation(seen);
        // Every worker checks in for every job, even one with fewer parts than workers, so
        // that none can still be reading this job's fields when the next one is posted.
        if (index < job_parts) job_function(job_context, index);
        atomic_fetch_sub_explicit(&remaining, 1, memory_order_release);
    }
    return 0;
}

void aelab_run_parts(long parts, aelab_part_function function, void *context) {
    if (parts > MAX_WORKERS + 1) parts = MAX_WORKERS + 1;
    if (parts <= 1 || pthread_mutex_trylock(&in_use) != 0) {
        for (long k = 0; k < (parts < 1 ? 1 : parts); k++) function(context, k);
        return;
    }
    while (started < parts - 1) {
        pthread_t thread;
        first_generation[started + 1] = atomic_load(&generation);
        if (pthread_create(&thread, 0, worker_main, (void *)(started + 1)) != 0) break;
        pthread_detach(thread);
        started++;
    }
    long helpers = started < parts - 1 ? started : parts - 1;
    // Workers read the job after they see the new generation (release/acquire).
    job_parts = helpers + 1;
    job_function = function;
    job_context = context;
    atomic_store_explicit(&remaining, started, memory_order_relaxed);
    atomic_fetch_add(&generation, 1);
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&lock);
        pthread_cond_broadcast(&wake);
        pthread_mutex_unlock(&lock);
    }

    function(context, 0);
    for (long k = helpers + 1; k < parts; k++) function(context, k);  // parts no worker could take
    // The parts are of equal size, so the wait is short: poll rather than sleep.
    // If a worker has no core of its own just now (another process took it, or it was placed
    // on this one), yielding now and then lets it finish instead of spinning out a time slice.
    for (long i = 1; atomic_load_explicit(&remaining, memory_order_acquire) > 0; i++) {
        RELAX();
        if ((i & 1023) == 0) sched_yield();
    }
    pthread_mutex_unlock(&in_use);
}
