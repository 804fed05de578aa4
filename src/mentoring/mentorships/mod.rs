//! What happens inside a mentorship: messages (those with contact details are held for an
//! administrator, by `crate::safeguard`), the session log, the lifecycle.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

pub const MESSAGE_MAX: usize = 2_000;
pub const TOPICS_MAX: usize = 500;
pub const PAGE: i64 = 20;

/// Messages are held for an administrator when they carry contact details (the house's one
/// rule for it).
pub use crate::safeguard::contains_contact;
