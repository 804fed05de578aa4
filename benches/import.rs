//! Import benchmark: a people file of 5,000 rows (the most a file may have: half mentees, half
//! mentors, three skills and two languages each, long texts) imported into a temp SQLite, then
//! the same file again (every row an update), then while 8 clients write beside it (each a
//! one-row write, timed: how long the import holds the others up). Prints the file's size and
//! each run's time; every write the import holds up waits for the write turn, none fails.
//!
//!     cargo bench --features ssr --bench import --profile release
use std::time::{Duration, Instant};
use stem4all::i18n::Locale;
use stem4all::matching::import::{store, BatchState, Kind, ROWS_MAX};

fn file() -> Vec<u8> {
    let mut csv = String::from(
        "email;name;role;language;region;skills;languages;hours_per_month;career_stage;goals;meeting_format;age_band;organisation;title;years_experience;capacity;bio;stages\r\n",
    );
    let text =
        "Хочу научиться анализировать данные о воде и энергии в Нарынской области. ".repeat(2);
    for i in 0..ROWS_MAX {
        if i % 2 == 0 {
            csv += &format!(
                "m{i}@example.kg;Айгерим {i};mentee;ru;naryn;data|web|Статистика;ky:native|ru:fluent;4;school;{text};online;under_18;;;;;;\r\n"
            );
        } else {
            csv += &format!(
                "t{i}@example.de;Гульмира {i};mentor;ky;bishkek;data|ai|hydropower;ru:native|en:fluent;6;;;;;KSTU;Engineer;9;2;{text};school|university\r\n"
            );
        }
    }
    csv.into_bytes()
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("stem4all-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (pool, _) = stem4all::db::connect(&format!("sqlite://{}/bench.db", dir.display()))
        .await
        .unwrap();
    let bytes = file();
    println!("{} rows, {:.1} MB", ROWS_MAX, bytes.len() as f64 / 1e6);
    let who = store::Importer {
        by: None,
        locale: Locale::En,
    };
    for run in ["new people", "the same again (updates)"] {
        let started = Instant::now();
        let (_, state) = store::import(&pool, Kind::People, "bench.csv", bytes.clone(), who, 1)
            .await
            .unwrap();
        assert_eq!(state, BatchState::Imported);
        println!("{run}: {:.2} s", started.elapsed().as_secs_f64());
    }
    // the import again while 8 clients write beside it
    sqlx::query("CREATE TABLE beside (id INTEGER PRIMARY KEY, at INTEGER)")
        .execute(&pool)
        .await
        .unwrap();
    let import = {
        let (pool, bytes) = (pool.clone(), bytes.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            store::import(&pool, Kind::People, "bench.csv", bytes, who, 2)
                .await
                .unwrap();
            started.elapsed()
        })
    };
    let mut writers = Vec::new();
    for _ in 0..8 {
        let pool = pool.clone();
        writers.push(tokio::spawn(async move {
            let mut longest = Duration::ZERO;
            for _ in 0..20 {
                let started = Instant::now();
                let mut tx = stem4all::db::begin_immediate(&pool).await.unwrap();
                sqlx::query("INSERT INTO beside (at) VALUES (1)")
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                longest = longest.max(started.elapsed());
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            longest
        }));
    }
    let took = import.await.unwrap();
    let mut longest = Duration::ZERO;
    for w in writers {
        longest = longest.max(w.await.unwrap());
    }
    println!(
        "with 8 writers beside it: import {:.2} s; the longest one-row write waited {:.2} s (160 writes, none failed)",
        took.as_secs_f64(),
        longest.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
