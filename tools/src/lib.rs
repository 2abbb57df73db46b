//! The `jsvm` library side: the compile pipeline shared by the CLI, the benchmark tools and the
//! integration tests.

pub mod driver;
pub mod http_client;
