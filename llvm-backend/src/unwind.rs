//! `.eh_frame` registration with libgcc's unwinder, so Rust panics (fatals) and backtraces pass
//! through compiled frames. Each registration is a guard that deregisters on drop.

extern "C" {
    fn __register_frame(begin: *const u8);
    fn __deregister_frame(begin: *const u8);
}

/// A registered `.eh_frame` section.
#[derive(Debug)]
pub struct FrameRegistration {
    begin: usize,
}

impl FrameRegistration {
    /// Register the `.eh_frame` section at `begin`.
    ///
    /// # Safety
    /// `begin` is a relocated `.eh_frame` section ending in a zero terminator, which stays mapped
    /// and unchanged until the guard is dropped.
    pub unsafe fn register(begin: usize) -> FrameRegistration {
        // SAFETY: forwarded to the caller.
        unsafe { __register_frame(begin as *const u8) };
        FrameRegistration { begin }
    }
}

impl Drop for FrameRegistration {
    fn drop(&mut self) {
        // SAFETY: registered by `register` with this address and not deregistered since.
        unsafe { __deregister_frame(self.begin as *const u8) }
    }
}
