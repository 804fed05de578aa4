//! The administrators' half of the award (`/admin/awards`).
pub mod api;
pub mod ui;
