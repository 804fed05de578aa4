//! What every request handler shares: the Leptos options, the database pool, the
//! configuration, and the areas' in-memory caches. It sits low in the house (it knows no area),
//! so an area's `api.rs` and the auth middleware import it without importing the server.
use crate::config::Config;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Shared by every request: cloning it is one reference count (every middleware layer and
/// page render takes a copy; a field-by-field clone cost a few per cent of a page's CPU).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] shares.
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    pub config: Arc<Config>,
    /// One cache of each type an area keeps in memory (discovery's approved mentors).
    pub caches: Arc<Caches>,
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Leptos' route handlers take the options from the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, pool: SqlitePool, config: Config) -> AppState {
        AppState(Arc::new(Shared {
            leptos_options,
            pool,
            config: Arc::new(config),
            caches: Arc::default(),
        }))
    }
}

/// A cache of each type, made on first use: `state.caches.get::<DiscoveryCache>()`. The area
/// that owns a cache names its type; this module never does.
#[derive(Default)]
pub struct Caches {
    slots: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Caches {
    pub fn get<T: Any + Send + Sync + Default>(&self) -> Arc<T> {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let slot = slots
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()) as Arc<dyn Any + Send + Sync>)
            .clone();
        // the slot under T's TypeId always holds a T
        slot.downcast::<T>()
            .unwrap_or_else(|_| Arc::new(T::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Counter(std::sync::atomic::AtomicU32);

    #[test]
    fn a_cache_is_made_once_per_type() {
        let caches = Caches::default();
        caches
            .get::<Counter>()
            .0
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        assert_eq!(
            caches
                .get::<Counter>()
                .0
                .load(std::sync::atomic::Ordering::SeqCst),
            1
        );
        assert!(caches.get::<Mutex<Vec<u8>>>().lock().unwrap().is_empty());
    }
}
