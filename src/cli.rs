//! The command line: `allmende serve | migrate | ldap-sync | demo | user add | token create`.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::communities::managed::create_account as create_person;
use crate::config::Settings;
use crate::db::DbConnection;
use crate::domain::{DisplayName, Email, PersonTitle, Uid};
use crate::people::service::{NewAccount, find_by_uid};
use crate::startup::{Application, open_database};

#[derive(Parser)]
#[command(
    name = "allmende",
    version,
    about = "Allmende: the company's communities, synced from the directory"
)]
pub struct Cli {
    /// Configuration file; ALLMENDE__SECTION__KEY environment variables override its keys.
    #[arg(long, global = true, default_value = "config/default.toml", env = "ALLMENDE_CONFIG")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the web server (applies pending migrations first).
    Serve {
        /// Into an empty database, seed the demo company "Beispiel AG" with local accounts.
        #[arg(long)]
        demo: bool,
        /// Check the configuration, the database, the directory bind, the mail server and the
        /// listening address, print a report and exit (1 if anything failed); change nothing.
        #[arg(long)]
        check: bool,
    },
    /// Apply pending database migrations and list them.
    Migrate,
    /// Bring people, departments and their communities in step with the directory (LDAP / AD).
    LdapSync {
        /// Show what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the outcome as one JSON object.
        #[arg(long)]
        json: bool,
        /// Apply even when more than ldap.max_deactivate_fraction would be deactivated.
        #[arg(long)]
        force: bool,
    },
    /// Fill an empty database with a large generated company, e.g. `--employees 50000
    /// --communities 2000 --posts 500000`; every account gets the one password it prints.
    Demo(DemoArgs),
    /// Manage local accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Mail: check that the configured transport delivers.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Personal digests.
    #[command(subcommand)]
    Digest(DigestCommand),
}

#[derive(Subcommand)]
pub enum DigestCommand {
    /// Send the digests that are due now (each person's slot goes out once, whatever runs it).
    Run {
        /// Say who would get what; send and record nothing.
        #[arg(long)]
        dry_run: bool,
        /// Only this person.
        #[arg(long)]
        uid: Option<String>,
        /// Treat each person's next digest as due now (an admin's catch-up).
        #[arg(long)]
        now: bool,
    },
    /// Write a person's next digest as it would go out now: <out>/digest-<uid>.html and .txt.
    Preview {
        #[arg(long)]
        uid: String,
        /// The directory to write into.
        #[arg(long, default_value = ".")]
        out: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub enum MailCommand {
    /// Send a test mail through `[mail]` (smtp, file or none) and say what happened.
    Test {
        /// The address to send to.
        #[arg(long)]
        to: String,
        /// The language of the mail (de or en; default: i18n.default_locale).
        #[arg(long)]
        lang: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a local account; the password is read from standard input (one line).
    Add(UserAdd),
}

#[derive(Args)]
pub struct UserAdd {
    #[arg(long)]
    pub uid: String,
    /// Display name, e.g. "Maria Muster".
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub email: String,
    #[arg(long, default_value = "")]
    pub title: String,
    /// Make the account an administrator.
    #[arg(long)]
    pub admin: bool,
}

#[derive(Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 5_000)]
    pub employees: usize,
    /// All communities, one per 50 employees being their department's.
    #[arg(long, default_value_t = 200)]
    pub communities: usize,
    #[arg(long, default_value_t = 20_000)]
    pub posts: usize,
    /// Default: half as many as posts.
    #[arg(long)]
    pub comments: Option<usize>,
    /// Default: as many as posts.
    #[arg(long)]
    pub reactions: Option<usize>,
    /// The same seed generates the same company.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

impl DemoArgs {
    pub fn size(&self) -> crate::demo::large::Size {
        crate::demo::large::Size {
            employees: self.employees,
            communities: self.communities,
            posts: self.posts,
            comments: self.comments.unwrap_or(self.posts / 2),
            reactions: self.reactions.unwrap_or(self.posts),
            seed: self.seed,
        }
    }
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a personal API token and print it once; only its hash is stored.
    Create {
        #[arg(long)]
        uid: String,
        /// What the token is for.
        #[arg(long, default_value = "cli")]
        label: String,
    },
}

/// Runs a parsed command line; errors are printed and turned into exit code 1 (2 for config).
pub async fn run(cli: Cli) -> ExitCode {
    let settings = match Settings::load(&cli.config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("allmende: {e}");
            return ExitCode::from(2);
        }
    };
    crate::telemetry::init(&settings.log);
    let result = match cli.command {
        Command::Serve { check: true, .. } => check(&settings, &cli.config).await,
        Command::Serve { demo, .. } => serve(settings, demo).await,
        Command::Migrate => migrate(&settings),
        Command::LdapSync { dry_run, json, force } => {
            // ldap3's blocking client brings its own runtime: keep it off this one.
            let settings = settings.clone();
            actix_web::web::block(move || ldap_sync(&settings, dry_run, json, force))
                .await
                .unwrap_or_else(|e| Err(anyhow::anyhow!("the sync thread failed: {e}")))
        }
        Command::Demo(args) => {
            let settings = settings.clone();
            actix_web::web::block(move || demo(&settings, &args))
                .await
                .unwrap_or_else(|e| Err(anyhow::anyhow!("the demo thread failed: {e}")))
        }
        Command::User(UserCommand::Add(args)) => user_add(&settings, args),
        Command::Token(TokenCommand::Create { uid, label }) => token_create(&settings, &uid, &label),
        Command::Mail(MailCommand::Test { to, lang }) => mail_test(&settings, &to, lang.as_deref()).await,
        Command::Digest(DigestCommand::Run { dry_run, uid, now }) => {
            digest_run(settings, crate::digest::run::RunOptions { uid, dry_run, now }).await
        }
        Command::Digest(DigestCommand::Preview { uid, out }) => digest_preview(settings, &uid, &out).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is::<SyncAborted>() => ExitCode::from(3),
        Err(e) => {
            eprintln!("allmende: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn check(settings: &Settings, config: &std::path::Path) -> anyhow::Result<()> {
    let (report, ok) = crate::ops::check::report(&crate::ops::check::run(settings, config).await);
    print!("{report}");
    if ok {
        Ok(())
    } else {
        Err(anyhow::anyhow!("the check failed"))
    }
}

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let (pool, _) = {
        let s = settings.clone();
        actix_web::web::block(move || open_database(&s)).await??
    };
    if demo {
        let (p, s) = (pool.clone(), settings.clone());
        if let Some(seeded) = actix_web::web::block(move || crate::demo::seed_if_empty(&mut *p.get()?, &s)).await?? {
            println!("{seeded}");
        } else {
            println!("The database already holds people; the demo company was not seeded again.");
        }
    }
    let app = Application::build_with_pool(settings.clone(), pool)?;
    let shown = settings.server.public_url.clone();
    tracing::info!(port = app.port(), url = %shown, "listening");
    println!("Allmende is running: {shown} (port {})", app.port());
    app.run_until_stopped().await?;
    Ok(())
}

fn connection(settings: &Settings) -> anyhow::Result<diesel::r2d2::PooledConnection<crate::db::pool::Manager>> {
    let (pool, _) = open_database(settings)?;
    Ok(pool.get()?)
}

fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let (pool, applied) = open_database(settings)?;
    if applied.is_empty() {
        println!("No pending migrations; the schema is up to date.");
    } else {
        for name in &applied {
            println!("applied {name}");
        }
    }
    let mut conn = pool.get()?;
    println!(
        "{} migrations in total.",
        crate::db::applied_migrations(&mut conn)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .len()
    );
    Ok(())
}

/// The guard refused the run (already reported); exit code 3.
#[derive(Debug, thiserror::Error)]
#[error("the directory sync was aborted")]
struct SyncAborted;

/// Shows entries read on a terminal, and each change of a dry run.
struct SyncProgress {
    bar: indicatif::ProgressBar,
    print_changes: bool,
}

impl crate::directory::sync::Observer for SyncProgress {
    fn read(&mut self, entries: u64) {
        self.bar.set_position(entries);
    }

    fn change(&mut self, change: &crate::directory::Change) {
        if self.print_changes {
            self.bar.suspend(|| println!("{change}"));
        }
    }
}

fn ldap_sync(settings: &Settings, dry_run: bool, json: bool, force: bool) -> anyhow::Result<()> {
    if !settings.ldap.enabled() {
        anyhow::bail!("key `ldap.url` is empty: no directory is configured");
    }
    let (pool, _) = open_database(settings)?;
    // The deactivation brake is one of the settings an admin may have changed at run time.
    let live = crate::config::LiveSettings::new(settings.clone());
    live.reload(&mut *pool.get()?)?;
    let settings = live.get();
    let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} entries {msg} [{elapsed}]")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let mut progress = SyncProgress {
        bar,
        print_changes: dry_run && !json,
    };
    let options = crate::directory::sync::SyncOptions {
        dry_run,
        force,
        started_by: "cli".into(),
    };
    let report = crate::directory::sync::run(&pool, &settings.ldap, &options, &mut progress)?;
    progress.bar.finish_and_clear();
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!("{}", report.summary());
    }
    if report.aborted {
        // Not a failure of ours, but whoever started it (cron, a script) must notice.
        return Err(SyncAborted.into());
    }
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.chars().count() < crate::auth::password::MIN_LEN {
        anyhow::bail!(
            "the password must have at least {} characters",
            crate::auth::password::MIN_LEN
        );
    }
    if password.len() > crate::auth::password::MAX_LEN {
        anyhow::bail!("the password is too long");
    }
    Ok(password)
}

fn demo(settings: &Settings, args: &DemoArgs) -> anyhow::Result<()> {
    let (pool, _) = open_database(settings)?;
    let password = crate::demo::random_password();
    let hash = crate::auth::password::hash(&password).map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    let started = std::time::Instant::now();
    let progress = indicatif::ProgressBar::new_spinner();
    progress.enable_steady_tick(std::time::Duration::from_millis(200));
    let made = crate::demo::large::generate(&mut *pool.get()?, &args.size(), &hash, |step| {
        progress.set_message(format!("writing {step}"));
    })
    .map_err(|e| match e {
        crate::error::AppError::Conflict { .. } => {
            anyhow::anyhow!("the database already holds people; the demo needs an empty one")
        }
        e => anyhow::anyhow!("{e}"),
    })?;
    progress.finish_and_clear();
    println!(
        "Generated in {:.0?}: {} people in {} departments, {} communities, {} memberships, {} posts, \
         {} comments, {} reactions, {} status reports, a company-wide AMA with {} votes.\nSign in as anyone (the first, {}, is an administrator) with the \
         password: {password}",
        started.elapsed(),
        made.people,
        made.departments,
        made.communities,
        made.memberships,
        made.posts,
        made.comments,
        made.reactions,
        made.status_reports,
        made.ama_votes,
        made.first_uid,
    );
    Ok(())
}

fn user_add(settings: &Settings, args: UserAdd) -> anyhow::Result<()> {
    let invalid = |e: crate::domain::Invalid| anyhow::anyhow!("--{}: {}", e.field, e.code);
    let account = NewAccount {
        uid: Uid::parse(&args.uid).map_err(invalid)?,
        display_name: DisplayName::parse("name", &args.name).map_err(invalid)?,
        email: Some(Email::parse(&args.email).map_err(invalid)?),
        title: PersonTitle::parse("title", &args.title).map_err(invalid)?,
        department_id: None,
        manager_id: None,
        is_admin: args.admin,
        password_hash: None,
    };
    let password = read_password()?;
    let hash = crate::auth::password::hash(&password).map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    let mut conn = connection(settings)?;
    let person = create_person(
        &mut conn,
        NewAccount {
            password_hash: Some(hash),
            ..account
        },
        None,
    )?;
    println!(
        "created {} ({}){}",
        person.uid,
        person.display_name,
        if person.is_admin { ", administrator" } else { "" }
    );
    Ok(())
}

/// What mail commands send with: the database, the transport, and the unsubscribe key of the
/// running servers (the same session key).
async fn outbox(settings: Settings) -> anyhow::Result<crate::mail::Outbox> {
    let s = settings.clone();
    let (pool, _) = actix_web::web::block(move || crate::startup::open_database(&s)).await??;
    let templates = crate::templates::Templates::load(&settings.server.templates_dir).map_err(anyhow::Error::msg)?;
    let key = crate::startup::session_key(&settings)?;
    let live = crate::config::LiveSettings::new(settings);
    live.reload(&mut *pool.get()?)?;
    crate::mail::Outbox::new(
        live,
        crate::db::Db::new(pool),
        std::sync::Arc::new(templates),
        key.signing(),
    )
}

async fn digest_run(settings: Settings, options: crate::digest::run::RunOptions) -> anyhow::Result<()> {
    let outbox = outbox(settings).await?;
    let report = crate::digest::run::run(&outbox, &options, crate::db::now()).await?;
    for line in &report.lines {
        println!("{line}");
    }
    println!(
        "{} sent, {} with nothing new, {} failed",
        report.sent, report.empty, report.failed
    );
    Ok(())
}

async fn digest_preview(settings: Settings, uid: &str, out: &std::path::Path) -> anyhow::Result<()> {
    let outbox = outbox(settings).await?;
    let u = uid.to_string();
    let person = outbox
        .db
        .run(move |c| find_by_uid(c, &u))
        .await
        .map_err(|_| anyhow::anyhow!("no person with uid `{uid}`"))?;
    let unsubscribe = outbox.unsubscribe_url(person.id, crate::mail::unsubscribe::List::Digest);
    let (t, s) = (outbox.templates.clone(), outbox.settings());
    let preview = outbox
        .db
        .run(move |c| crate::digest::preview::next(c, &t, &s, &person, crate::db::now(), &unsubscribe))
        .await?;
    std::fs::create_dir_all(out)?;
    for (ext, body) in [("html", &preview.mail.html), ("txt", &preview.mail.text)] {
        let path = out.join(format!("digest-{uid}.{ext}"));
        anyhow::Context::with_context(std::fs::write(&path, body), || format!("writing {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    println!(
        "subject: {}{}",
        preview.mail.subject,
        if preview.empty {
            " (nothing new: it would not be sent)"
        } else {
            ""
        }
    );
    Ok(())
}

async fn mail_test(settings: &Settings, to: &str, lang: Option<&str>) -> anyhow::Result<()> {
    let to = crate::domain::Email::parse(to).map_err(|_| anyhow::anyhow!("`{to}` is not a mail address"))?;
    let locale = match lang {
        Some(l) => crate::domain::Locale::parse(l).map_err(|_| anyhow::anyhow!("unknown language `{l}`"))?,
        None => settings.i18n.default_locale,
    };
    let templates = crate::templates::Templates::load(&settings.server.templates_dir).map_err(anyhow::Error::msg)?;
    let mailer = crate::mail::Mailer::from_settings(&settings.mail)?;
    crate::mail::compose::send_test(&templates, &mailer, settings, &to, locale).await?;
    println!("sent through the {:?} transport", settings.mail.transport);
    Ok(())
}

fn token_create(settings: &Settings, uid: &str, label: &str) -> anyhow::Result<()> {
    let mut conn = connection(settings)?;
    let conn: &mut DbConnection = &mut conn;
    let person = find_by_uid(conn, uid).map_err(|_| anyhow::anyhow!("no person with uid `{uid}`"))?;
    if !person.active {
        anyhow::bail!("{uid} is deactivated");
    }
    let token = crate::auth::tokens::create(conn, &person, label)?;
    println!("{token}");
    eprintln!("This token is shown once. Use it as: Authorization: Bearer <token>");
    Ok(())
}
