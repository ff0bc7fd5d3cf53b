//! 50,000 weekly digests at once: `allmende demo` generates 50,000 employees, 2,000 communities
//! and 500,000 posts over a year (BENCH_EMPLOYEES, BENCH_COMMUNITIES, BENCH_POSTS override) on
//! SQLite and PostgreSQL; `allmende digest run --now` (the release binary, a child process)
//! then renders everyone's digest and hands it to a local SMTP sink (in this process: it
//! counts messages and bytes and keeps nothing). The baseline, in the same run against the same
//! sink: a bare SMTP blast of as many messages of the digests' average size through the same
//! lettre pool at the same concurrency, with no database and no templates. Prints both times,
//! the ratio and the digest run's peak memory. BENCH_RUNS=N runs the digests N times on the
//! same company (the ledger emptied between), each beside its own blast; BENCH_BACKENDS=sqlite
//! or =postgresql runs on one database only.

mod common;

use common::env_or;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use futures_util::StreamExt;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A minimal SMTP server: accepts every message, counts them and their bytes.
#[derive(Default)]
struct Sink {
    messages: AtomicU64,
    bytes: AtomicU64,
}

async fn serve_sink(listener: tokio::net::TcpListener, sink: Arc<Sink>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let sink = sink.clone();
        let _ = stream.set_nodelay(true);
        let fd = std::os::fd::AsRawFd::as_raw_fd(&stream);
        tokio::spawn(async move {
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read);
            let _ = write.write_all(b"220 bench-sink ESMTP\r\n").await;
            let mut line = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                quick_ack(fd);
                let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                let answer: &[u8] = match verb.as_str() {
                    "EHLO" => b"250-bench-sink\r\n250 8BITMIME\r\n",
                    "DATA" => {
                        let _ = write.write_all(b"354 go ahead\r\n").await;
                        let mut size = 0u64;
                        loop {
                            line.clear();
                            if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                                return;
                            }
                            quick_ack(fd);
                            if line == ".\r\n" {
                                break;
                            }
                            size += line.len() as u64;
                        }
                        sink.messages.fetch_add(1, Ordering::Relaxed);
                        sink.bytes.fetch_add(size, Ordering::Relaxed);
                        b"250 2.0.0 OK\r\n"
                    }
                    "QUIT" => {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    }
                    _ => b"250 OK\r\n",
                };
                if write.write_all(answer).await.is_err() {
                    return;
                }
            }
        });
    }
}

/// Acknowledges at once: the client's last small write of a message (Nagle) would otherwise
/// wait for this side's delayed ACK, and both sides would measure 40 ms stalls, not work.
fn quick_ack(fd: std::os::fd::RawFd) {
    let on: libc::c_int = 1;
    // SAFETY: a valid socket descriptor (the stream lives as long as this task), an int option.
    unsafe {
        libc::setsockopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_QUICKACK,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
}

/// Peak resident memory of a running process (VmHWM), in MiB.
fn peak_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
}

/// The bare blast: `n` messages of `size` bytes through a lettre pool, `concurrency` at once.
async fn blast(port: u16, n: usize, size: usize, concurrency: usize) -> Duration {
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(port)
        .build();
    let body: String = "Allmende Benchmark Zeile mit etwas Text darin.\r\n"
        .repeat(size / 48 + 1)
        .chars()
        .take(size)
        .collect();
    let started = Instant::now();
    futures_util::stream::iter(0..n)
        .map(|i| {
            let (transport, body) = (&transport, body.clone());
            async move {
                let message = Message::builder()
                    .from("allmende@intranet.example".parse().unwrap())
                    .to(format!("person{i}@beispiel.de").parse().unwrap())
                    .subject("Ihre Zusammenfassung")
                    .body(body)
                    .unwrap();
                transport.send(message).await.expect("the sink takes it");
            }
        })
        .buffer_unordered(concurrency)
        .collect::<Vec<()>>()
        .await;
    started.elapsed()
}

/// What one digest run measured.
struct Measured {
    sent: usize,
    average: usize,
    empty: String,
    time: Duration,
    peak: f64,
}

/// `allmende digest run --now` as a child process against the sink: its time, what the sink
/// received of it, and the process's peak memory.
async fn digest_run(env: &[(&str, String)], port: u16, concurrency: usize, sink: &Sink) -> Measured {
    let (messages, bytes) = (
        sink.messages.load(Ordering::Relaxed),
        sink.bytes.load(Ordering::Relaxed),
    );
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_allmende"))
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .args(["digest", "run", "--now"])
        .env("ALLMENDE__MAIL__TRANSPORT", "smtp")
        .env("ALLMENDE__MAIL__SMTP__HOST", "127.0.0.1")
        .env("ALLMENDE__MAIL__SMTP__PORT", port.to_string())
        .env("ALLMENDE__MAIL__RATE_PER_SECOND", "0")
        .env("ALLMENDE__MAIL__CONCURRENCY", concurrency.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0.0f64;
    let stdout = child.stdout.take().unwrap();
    let printed = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap());
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(peak_mib(pid).unwrap_or(0.0));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let time = started.elapsed();
    let printed = printed.join().unwrap();
    let summary = printed.lines().last().unwrap_or_default().to_string();
    let sent = (sink.messages.load(Ordering::Relaxed) - messages) as usize;
    let empty = summary
        .split(", ")
        .find_map(|p| p.strip_suffix(" with nothing new"))
        .unwrap_or("?")
        .to_string();
    assert!(sent > 0, "no digest was sent: {summary}");
    let average = ((sink.bytes.load(Ordering::Relaxed) - bytes) as usize) / sent;
    Measured {
        sent,
        average,
        empty,
        time,
        peak,
    }
}

#[tokio::main]
async fn main() {
    let employees = env_or("BENCH_EMPLOYEES", 50_000);
    let communities = env_or("BENCH_COMMUNITIES", 2_000);
    let posts = env_or("BENCH_POSTS", 500_000);
    let concurrency = 4;
    // Runs on the same company, each beside its own blast (the machine is shared and noisy).
    let runs = env_or("BENCH_RUNS", 1);
    let dir = tempfile::tempdir().unwrap();
    let backends = common::Backends::new(dir.path(), "digest");
    println!(
        "{employees} employees, {communities} communities, {posts} posts over a year; concurrency {concurrency}\n"
    );
    println!("| backend | digests sent | nothing new | digest run | bare blast | × blast | per person | peak memory |");
    println!("|---|---|---|---|---|---|---|---|");
    for (backend, db) in &backends.list {
        let env = [
            ("ALLMENDE__DATABASE__URL", db.clone()),
            (
                "ALLMENDE__SESSION__KEY_FILE",
                dir.path().join("session.key").display().to_string(),
            ),
            ("ALLMENDE__LOG__LEVEL", "warn".to_string()),
        ];
        let out = Command::new(env!("CARGO_BIN_EXE_allmende"))
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .args(["demo", "--employees", &employees.to_string()])
            .args(["--communities", &communities.to_string()])
            .args(["--posts", &posts.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = Arc::new(Sink::default());
        tokio::spawn(serve_sink(listener, sink.clone()));

        for run in 1..=runs {
            if run > 1 {
                // The same company's digests again: the ledger forgets the last run.
                let mut c = allmende::db::DatabaseUrl::parse(db).unwrap().connect().unwrap();
                diesel::sql_query("DELETE FROM mail_deliveries")
                    .execute(&mut c)
                    .unwrap();
            }
            let measured = digest_run(&env, port, concurrency, &sink).await;
            let blast_time = blast(port, measured.sent, measured.average, concurrency).await;
            println!(
                "| {backend} | {} (avg {:.1} KB) | {} | {:.1} s | {:.1} s | {:.1} × | {:.2} ms | {:.0} MiB |",
                measured.sent,
                measured.average as f64 / 1024.0,
                measured.empty,
                measured.time.as_secs_f64(),
                blast_time.as_secs_f64(),
                measured.time.as_secs_f64() / blast_time.as_secs_f64(),
                measured.time.as_secs_f64() * 1000.0 / employees as f64,
                measured.peak,
            );
        }
    }
}
