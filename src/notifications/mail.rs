//! Sends the email outbox over SMTP (lettre), when `STEM4ALL_SMTP_URL` is set. Without it the
//! emails stay in the outbox, where administrators can read them.
use super::store;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::SqlitePool;
use std::time::Duration;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Prefix for links ("https://mentoring.example.kg"), or empty for bare paths.
    public_url: String,
}

impl Mailer {
    /// `url` as lettre reads it: `smtps://user:pass@host:465`, `smtp://host:587?tls=required`,
    /// or `smtp://localhost:25` (no TLS, for a local relay).
    pub fn new(url: &str, from: &str, public_url: Option<&str>) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("STEM4ALL_SMTP_URL is not usable: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("STEM4ALL_MAIL_FROM is not an address: {e}"))?;
        Ok(Mailer {
            transport,
            from,
            public_url: public_url.unwrap_or_default().to_string(),
        })
    }

    /// Sends what is queued (up to 50 at a time). Returns (sent, failed attempts).
    pub async fn send_queued(&self, pool: &SqlitePool) -> sqlx::Result<(usize, usize)> {
        let mut sent = 0;
        let mut failed = 0;
        for q in store::queued(pool, 50).await? {
            match self.send_one(&q).await {
                Ok(()) => {
                    store::mark_sent(pool, q.id, &q.link, crate::db::now()).await?;
                    sent += 1;
                }
                Err(e) => {
                    tracing::warn!(email = q.id, error = %e, "email not sent");
                    store::mark_failed_attempt(pool, q.id, &e).await?;
                    failed += 1;
                }
            }
        }
        Ok((sent, failed))
    }

    async fn send_one(&self, q: &store::Queued) -> Result<(), String> {
        let to: Mailbox = q.to_address.parse().map_err(|e| format!("address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(q.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(format!("{}\n\n{}{}\n", q.body, self.public_url, q.link))
            .map_err(|e| format!("message: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("smtp: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

    /// A minimal SMTP server that accepts every message and hands back what it received.
    async fn fake_smtp() -> (u16, tokio::sync::mpsc::UnboundedReceiver<String>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let tx = tx.clone();
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                    let mut data = String::new();
                    let mut in_data = false;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if in_data {
                            if line == "." {
                                in_data = false;
                                tx.send(std::mem::take(&mut data)).unwrap();
                                write.write_all(b"250 queued\r\n").await.unwrap();
                            } else {
                                data.push_str(&line);
                                data.push('\n');
                            }
                            continue;
                        }
                        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" | "HELO" => b"250 fake\r\n",
                            "DATA" => {
                                in_data = true;
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                return;
                            }
                            _ => b"250 ok\r\n",
                        };
                        write.write_all(reply).await.unwrap();
                    }
                });
            }
        });
        (port, rx)
    }

    /// The id of an account just created.
    #[derive(sqlx::FromRow)]
    struct AccountIdRow {
        id: i64,
    }

    /// An email's status and how many times sending it was tried.
    #[derive(sqlx::FromRow)]
    struct OutboxStatusRow {
        status: String,
        attempts: i64,
    }

    #[tokio::test]
    async fn queued_email_goes_out_over_smtp_and_is_marked_sent() {
        let (pool, _dir) = crate::testing::temp_db().await;
        let now = crate::db::now();
        let account: AccountIdRow = sqlx::query_as(
            "INSERT INTO accounts (email, display_name, password_hash, role, locale, created_at) \
             VALUES ('aida@example.kg', 'Aida', 'x', 'mentor', 'en', ?) RETURNING id",
        )
        .bind(now)
        .fetch_one(&pool)
        .await
        .unwrap();
        let mut conn = pool.acquire().await.unwrap();
        store::notify(
            &mut conn,
            account.id,
            super::super::Kind::RequestNew,
            "Begimai",
            "/requests",
            now,
        )
        .await
        .unwrap();
        drop(conn);

        let (port, mut received) = fake_smtp().await;
        let mailer = Mailer::new(
            &format!("smtp://127.0.0.1:{port}"),
            "STEM4ALL <no-reply@stem4all.example>",
            Some("https://mentoring.example.kg"),
        )
        .unwrap();
        assert_eq!(mailer.send_queued(&pool).await.unwrap(), (1, 0));
        let data = received.recv().await.unwrap();
        assert!(data.contains("To: aida@example.kg"), "{data}");
        assert!(
            data.contains("Subject: Begimai asked you to be her mentor."),
            "{data}"
        );
        assert!(
            data.contains("https://mentoring.example.kg/requests"),
            "{data}"
        );
        let row: OutboxStatusRow = sqlx::query_as("SELECT status, attempts FROM email_outbox")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!((row.status.as_str(), row.attempts), ("sent", 1));
        // nothing left to send
        assert_eq!(mailer.send_queued(&pool).await.unwrap(), (0, 0));
    }

    #[tokio::test]
    async fn an_unreachable_server_leaves_the_email_queued_then_failed() {
        let (pool, _dir) = crate::testing::temp_db().await;
        sqlx::query(
            "INSERT INTO email_outbox (to_address, subject, body, link, created_at) VALUES ('a@b.kg', 's', 'b', '/', 1)",
        )
        .execute(&pool)
        .await
        .unwrap();
        // a port nobody listens on
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let mailer = Mailer::new(&format!("smtp://127.0.0.1:{port}"), "x@y.kg", None).unwrap();
        for attempt in 1..=store::MAX_ATTEMPTS {
            assert_eq!(mailer.send_queued(&pool).await.unwrap(), (0, 1));
            let status: String = sqlx::query_scalar("SELECT status FROM email_outbox")
                .fetch_one(&pool)
                .await
                .unwrap();
            let want = if attempt < store::MAX_ATTEMPTS {
                "queued"
            } else {
                "failed"
            };
            assert_eq!(status, want);
        }
        assert_eq!(mailer.send_queued(&pool).await.unwrap(), (0, 0));
        assert!(Mailer::new("ftp://nowhere", "x@y.kg", None).is_err());
        assert!(Mailer::new("smtp://localhost", "not an address", None).is_err());
    }
}
