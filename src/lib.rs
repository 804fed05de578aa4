//! STEM4ALL Mentoring: one crate, built twice by cargo-leptos — the server (`ssr`) and the
//! browser islands (`hydrate`). See docs/ARCHITECTURE.md for the map.
#![recursion_limit = "256"]

pub mod accounts;
pub mod app;
pub mod audit;
pub mod auth;
pub mod awards;
pub mod community;
pub mod csv;
pub mod dashboard;
pub mod data_rights;
pub mod error;
pub mod form;
pub mod home;
pub mod i18n;
pub mod learning;
pub mod matching;
pub mod mentoring;
pub mod moderation;
pub mod notifications;
pub mod roadmaps;
pub mod safeguard;
pub mod time;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod compress;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(all(test, feature = "ssr"))]
pub mod testing;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
