//! Argon2id password hashing (OWASP defaults of the `argon2` crate: m=19 MiB, t=2, p=1),
//! run off the async executor, at most one per core at a time: a burst of sign-ups or sign-ins
//! waits its turn instead of taking every blocking thread and 19 MiB each.
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

/// Turns to compute a hash: one per core (the permit lives as long as the computation, also
/// when the request that asked for it is gone).
fn turns() -> &'static tokio::sync::Semaphore {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    TURNS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores.clamp(1, 8))
    })
}

pub async fn hash(password: String) -> Result<String, crate::error::AppError> {
    let turn = turns()
        .acquire()
        .await
        .map_err(|_| crate::error::AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| crate::error::AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        crate::error::AppError::Internal
    })
}

/// The stored hash of an account without a password yet (a person imported by an
/// administrator, until she uses her invitation): nothing matches it, and checking it costs
/// what checking a real one does.
pub const UNUSABLE: &str = "!";

/// Checks a password against a stored hash. With `None` (no such account) it still spends the
/// same work on a dummy hash, so response times do not reveal which emails exist.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let Ok(turn) = turns().acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        // no account, or one without a password yet ([`UNUSABLE`]): the same work on the dummy
        let real = stored.and_then(|h| PasswordHash::new(&h).is_ok().then_some(h));
        let phc = real.clone().unwrap_or_else(dummy_hash);
        let ok = PasswordHash::new(&phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && real.is_some()
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> String {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"not a real password, never matches", &salt)
                .expect("argon2 works")
                .to_string()
        })
        .clone()
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn hashes_verify_and_are_argon2id() {
        let h = super::hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("correct horse battery".into(), Some(h.clone())).await);
        assert!(!super::verify("wrong horse battery".into(), Some(h)).await);
        assert!(!super::verify("anything at all".into(), None).await);
        assert!(!super::verify("!".into(), Some(super::UNUSABLE.into())).await);
    }
}
