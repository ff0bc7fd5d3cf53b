//! Talking to the directory: connect (with timeouts and TLS), bind, paged searches.
//!
//! Uses ldap3's blocking API: every caller already runs on a blocking thread (the sync job,
//! the CLI, and sign-in inside `web::block`), and ldap3 then drives its connection itself.

use std::sync::Arc;
use std::time::Duration;

use ldap3::adapters::{Adapter, EntriesOnly, PagedResults};
use ldap3::{LdapConn, LdapConnSettings, Scope, SearchEntry};

use super::attributes::{AttributeMap, DirectoryPerson, Entry, Skipped, filetime_now};
use crate::config::LdapSettings;

#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    #[error("cannot connect to the directory: {0}")]
    Connect(String),
    #[error("the service account cannot bind: {0}")]
    Bind(String),
    #[error("the search failed: {0}")]
    Search(String),
    #[error("the search ended early: {0}")]
    Incomplete(String),
}

/// Our own TLS settings, with ring named explicitly (a process may link two rustls providers):
/// the CA file when one is configured, else the system's CAs.
fn tls_config(ca_file: &str) -> Result<Arc<rustls::ClientConfig>, DirectoryError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let fail = |e: String| DirectoryError::Connect(format!("TLS set-up: {e}"));
    let mut roots = rustls::RootCertStore::empty();
    if ca_file.is_empty() {
        for cert in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(cert);
        }
    } else {
        for cert in CertificateDer::pem_file_iter(ca_file).map_err(|e| fail(format!("ldap.ca_file {ca_file}: {e}")))? {
            roots
                .add(cert.map_err(|e| fail(e.to_string()))?)
                .map_err(|e| fail(e.to_string()))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| fail(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// A connection with the configured timeouts; nothing is bound yet.
pub fn connect(s: &LdapSettings) -> Result<LdapConn, DirectoryError> {
    let mut settings = LdapConnSettings::new()
        .set_conn_timeout(Duration::from_secs(s.connect_timeout_seconds))
        .set_starttls(s.starttls)
        .set_no_tls_verify(!s.verify_tls);
    let tls = s.starttls || s.url.trim().starts_with("ldaps://");
    // With verification off, ldap3 builds its own (unverifying) configuration.
    if tls && s.verify_tls {
        settings = settings.set_config(tls_config(s.ca_file.trim())?);
    }
    LdapConn::with_settings(settings, s.url.trim()).map_err(|e| DirectoryError::Connect(e.to_string()))
}

fn op_timeout(s: &LdapSettings) -> Duration {
    Duration::from_secs(s.operation_timeout_seconds)
}

/// Connects and binds as the service account.
pub fn service_connection(s: &LdapSettings) -> Result<LdapConn, DirectoryError> {
    let mut conn = connect(s)?;
    conn.with_timeout(op_timeout(s))
        .simple_bind(&s.bind_dn, &s.bind_password)
        .and_then(|r| r.success())
        .map_err(|e| DirectoryError::Bind(e.to_string()))?;
    Ok(conn)
}

fn paged(page_size: i32) -> Vec<Box<dyn Adapter<'static, String, Vec<String>>>> {
    // EntriesOnly first: referrals would otherwise reach SearchEntry::construct, which panics on them.
    vec![Box::new(EntriesOnly::new()), Box::new(PagedResults::new(page_size))]
}

/// Streams every person entry (paged, RFC 2696) to `each`; memory holds one page at a time.
/// Returns how many entries were read.
pub fn for_each_person(
    conn: &mut LdapConn,
    s: &LdapSettings,
    map: &AttributeMap,
    mut each: impl FnMut(Result<DirectoryPerson, Skipped>) -> Result<(), DirectoryError>,
) -> Result<u64, DirectoryError> {
    let attrs = map.person_attributes();
    let now = filetime_now();
    let mut read = 0u64;
    let mut stream = conn
        .with_timeout(op_timeout(s))
        .streaming_search_with(paged(s.page_size), &s.user_base, Scope::Subtree, &s.user_filter, attrs)
        .map_err(|e| DirectoryError::Search(e.to_string()))?;
    loop {
        match stream.next() {
            Ok(Some(raw)) => {
                let e = SearchEntry::construct(raw);
                read += 1;
                each(map.parse(
                    &Entry {
                        dn: &e.dn,
                        attrs: &e.attrs,
                        bin_attrs: &e.bin_attrs,
                    },
                    now,
                ))?;
            }
            Ok(None) => break,
            Err(e) => return Err(DirectoryError::Search(e.to_string())),
        }
    }
    let result = stream.result();
    // Anything but success (size limit, time limit, unavailable) means we did not see everyone.
    if result.rc != 0 {
        return Err(DirectoryError::Incomplete(format!(
            "result code {} {}",
            result.rc, result.text
        )));
    }
    Ok(read)
}

/// Group entries: DN, cn, and member DNs.
pub struct GroupEntry {
    pub dn: String,
    pub cn: String,
    pub members: Vec<String>,
}

/// Streams the groups matched by `filter` under the group base (paged).
pub fn for_each_group(
    conn: &mut LdapConn,
    s: &LdapSettings,
    map: &AttributeMap,
    base: &str,
    filter: &str,
    scope: Scope,
    mut each: impl FnMut(GroupEntry),
) -> Result<(), DirectoryError> {
    let attrs = vec!["cn".to_string(), map.member.clone()];
    let mut stream = conn
        .with_timeout(op_timeout(s))
        .streaming_search_with(paged(s.page_size), base, scope, filter, attrs)
        .map_err(|e| DirectoryError::Search(e.to_string()))?;
    while let Some(raw) = stream.next().map_err(|e| DirectoryError::Search(e.to_string()))? {
        let e = SearchEntry::construct(raw);
        let entry = Entry {
            dn: &e.dn,
            attrs: &e.attrs,
            bin_attrs: &e.bin_attrs,
        };
        each(GroupEntry {
            dn: e.dn.clone(),
            cn: entry.first("cn").unwrap_or_default().to_string(),
            members: entry.values(&map.member).to_vec(),
        });
    }
    let result = stream.result();
    match result.rc {
        0 => Ok(()),
        // A group DN that does not exist is a configuration matter, not a failed search.
        32 if scope == Scope::Base => Ok(()),
        rc => Err(DirectoryError::Incomplete(format!("result code {rc} {}", result.text))),
    }
}

/// Looks up a person by uid, mail or (Active Directory) user principal name for sign-in
/// (values escaped per RFC 4515).
pub fn find_person(
    conn: &mut LdapConn,
    s: &LdapSettings,
    map: &AttributeMap,
    login: &str,
) -> Result<Option<DirectoryPerson>, DirectoryError> {
    let v = ldap3::ldap_escape(login.trim());
    let upn = map
        .user_principal_name
        .as_ref()
        .map(|attr| format!("({attr}={v})"))
        .unwrap_or_default();
    let filter = format!("(&{}(|({}={v})({}={v}){upn}))", s.user_filter, map.uid, map.mail);
    let (entries, _) = conn
        .with_timeout(op_timeout(s))
        .search(&s.user_base, Scope::Subtree, &filter, map.person_attributes())
        .and_then(|r| r.success())
        .map_err(|e| DirectoryError::Search(e.to_string()))?;
    // Two entries for one login (a shared mail address) is ambiguous: nobody signs in with it.
    let mut entries = entries.into_iter();
    let (Some(raw), None) = (entries.next(), entries.next()) else {
        return Ok(None);
    };
    let e = SearchEntry::construct(raw);
    Ok(map
        .parse(
            &Entry {
                dn: &e.dn,
                attrs: &e.attrs,
                bin_attrs: &e.bin_attrs,
            },
            filetime_now(),
        )
        .ok())
}

/// Whether `password` is the password of `dn` (a bind on a fresh connection).
pub fn password_matches(s: &LdapSettings, dn: &str, password: &str) -> Result<bool, DirectoryError> {
    // An empty password would be an unauthenticated bind, which succeeds: never ask.
    if password.is_empty() {
        return Ok(false);
    }
    let mut conn = connect(s)?;
    let result = conn
        .with_timeout(op_timeout(s))
        .simple_bind(dn, password)
        .map_err(|e| DirectoryError::Bind(e.to_string()))?;
    let _ = conn.unbind();
    match result.rc {
        0 => Ok(true),
        49 => Ok(false), // invalidCredentials
        rc => Err(DirectoryError::Bind(format!("result code {rc} {}", result.text))),
    }
}
