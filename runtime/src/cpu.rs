//! CPU placement: a background thread that the interpreter's thread spawns (a compile thread, an
//! LLVM warm-up) leaves the interpreter's CPU as its first act.
//!
//! Measured on this 2-CPU KVM guest (Linux 6.18, `perf sched` with `CLOCK_MONOTONIC` beside the
//! VM's own traces): the kernel places a new thread on its creator's CPU even when the other CPU
//! is idle, and the new thread waits there until the creator is preempted. A Jump-Start
//! consumer's LLVM warm-up thread started 1.2 ms after its spawn, its compile thread 1.8 ms after;
//! at other times a compile thread and the interpreter shared one CPU in 4 ms slices while the
//! other stayed idle (a request 4 ms slower per slice).
//!
//! So the creator wraps the thread's body in [`off_this_cpu`], which notes the creator's CPU,
//! and yields once after the spawn ([`let_child_run`]): the child, queued on that CPU, runs at
//! once and takes the CPU out of its own affinity mask, which moves it elsewhere; threads it
//! spawns inherit the mask.

/// `f`, to run on a thread the calling thread spawns next: it first leaves the calling thread's
/// present CPU. Call [`let_child_run`] after the spawn.
pub fn off_this_cpu<R>(f: impl FnOnce() -> R) -> impl FnOnce() -> R {
    let cpu = current();
    move || {
        leave(cpu);
        f()
    }
}

/// The CPU the calling thread runs on, if the calling thread may also run elsewhere (else there
/// is nothing to leave).
fn current() -> Option<usize> {
    let set = affinity()?;
    if count(&set) < 2 {
        return None;
    }
    // SAFETY: no arguments; returns the CPU the calling thread runs on, or -1.
    let cpu = unsafe { libc::sched_getcpu() };
    usize::try_from(cpu)
        .ok()
        .filter(|&c| c < libc::CPU_SETSIZE as usize)
}

/// Take `cpu` (from [`current`] in the creating thread) out of the calling thread's affinity
/// mask, unless it is the only CPU left. True if the mask changed.
fn leave(cpu: Option<usize>) -> bool {
    let (Some(cpu), Some(mut set)) = (cpu, affinity()) else {
        return false;
    };
    // SAFETY: `cpu` is below `CPU_SETSIZE` (checked by `current`); `set` is a valid set.
    if !unsafe { libc::CPU_ISSET(cpu, &set) } || count(&set) < 2 {
        return false;
    }
    // SAFETY: as above.
    unsafe { libc::CPU_CLR(cpu, &mut set) };
    // SAFETY: `set` is a valid `cpu_set_t` of the size passed; 0 is the calling thread.
    unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) == 0 }
}

/// Called by the creator right after spawning a thread whose body is [`off_this_cpu`]'s: lets
/// the child, if it was queued on this CPU, run now and move away, instead of after this
/// thread's slice.
pub fn let_child_run() {
    std::thread::yield_now();
}

/// The cores this process may use (`std::thread::available_parallelism`, which reads the
/// cgroup's CPU quota files on each call: ~0.1 ms at start-up where several callers ask), read
/// once.
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The calling thread's affinity mask.
fn affinity() -> Option<libc::cpu_set_t> {
    // SAFETY: `cpu_set_t` is plain bits; all zeroes is the empty set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid, writable `cpu_set_t` of the size passed; 0 is the calling thread.
    let r = unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) };
    (r == 0).then_some(set)
}

fn count(set: &libc::cpu_set_t) -> u32 {
    // SAFETY: reading a valid `cpu_set_t`.
    unsafe { libc::CPU_COUNT(set) as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_that_leaves_a_cpu_never_runs_there() {
        let Some(here) = current() else {
            return; // one CPU: nothing to leave (the function says so by returning None)
        };
        let seen = std::thread::spawn(move || {
            assert!(leave(Some(here)), "the mask did not change");
            let set = affinity().expect("affinity");
            // SAFETY: `here` is below CPU_SETSIZE.
            let allowed = unsafe { libc::CPU_ISSET(here, &set) };
            // SAFETY: no arguments.
            let now = unsafe { libc::sched_getcpu() };
            (allowed, now)
        });
        let_child_run();
        let (allowed, now) = seen.join().expect("join");
        assert!(!allowed, "CPU {here} is still in the child's mask");
        assert_ne!(now, here as i32, "the child still runs on CPU {here}");
    }

    #[test]
    fn the_last_cpu_is_never_left() {
        let set = affinity().expect("affinity");
        let cpu = (0..libc::CPU_SETSIZE as usize)
            .find(|&c| unsafe { libc::CPU_ISSET(c, &set) }) // SAFETY: c < CPU_SETSIZE
            .expect("some CPU");
        std::thread::spawn(move || {
            // SAFETY: plain bits; all zeroes is the empty set.
            let mut one: libc::cpu_set_t = unsafe { std::mem::zeroed() };
            // SAFETY: `cpu` < CPU_SETSIZE; `one` is a valid set.
            unsafe { libc::CPU_SET(cpu, &mut one) };
            // SAFETY: valid set of the size passed, calling thread.
            let r =
                unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &one) };
            assert_eq!(r, 0);
            assert!(
                current().is_none(),
                "a thread on one CPU has nothing to leave"
            );
            assert!(!leave(Some(cpu)), "left the only CPU");
        })
        .join()
        .expect("join");
    }
}
