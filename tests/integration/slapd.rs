//! A throw-away OpenLDAP server for tests and benchmarks: its own config and data directory,
//! a free loopback port, non-admin size limits like a real server. Needs Debian's `slapd`
//! (scripts/test.sh installs it). Shared with benches/ through `#[path]`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BASE_DN: &str = "dc=example,dc=org";
pub const ADMIN_DN: &str = "cn=admin,dc=example,dc=org";
pub const ADMIN_PASSWORD: &str = "admin-secret";
/// The account Allmende binds as: an ordinary entry, so size limits apply to it.
pub const SERVICE_DN: &str = "cn=allmende-sync,ou=services,dc=example,dc=org";
pub const SERVICE_PASSWORD: &str = "sync-secret";
/// Non-admin searches without paging stop here (like slapd's and AD's defaults).
pub const SIZE_LIMIT: usize = 500;

const SLAPD: &str = "/usr/sbin/slapd";
const SLAPADD: &str = "/usr/sbin/slapadd";

pub struct Slapd {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl Slapd {
    /// Loads `ldif` (offline, with slapadd) and starts the server.
    pub fn start(ldif: &str) -> Slapd {
        Self::start_with(ldif, false)
    }

    /// The same with StartTLS offered, with a certificate for 127.0.0.1 from a CA of its own
    /// (`ca_file()`), made with openssl.
    pub fn start_with_tls(ldif: &str) -> Slapd {
        Self::start_with(ldif, true)
    }

    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    fn start_with(ldif: &str, tls: bool) -> Slapd {
        assert!(
            Path::new(SLAPD).exists(),
            "{SLAPD} is missing: run scripts/test.sh, which installs Debian's slapd and ldap-utils"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        if tls {
            make_certificates(dir.path());
        }
        std::fs::write(dir.path().join("ad.schema"), AD_SCHEMA).unwrap();
        std::fs::write(dir.path().join("slapd.conf"), config(dir.path(), tls)).unwrap();
        let seed = dir.path().join("seed.ldif");
        std::fs::write(&seed, format!("{}\n{ldif}", base_entries())).unwrap();
        let out = Command::new(SLAPADD)
            .args(["-q", "-f"])
            .arg(dir.path().join("slapd.conf"))
            .arg("-l")
            .arg(&seed)
            .output()
            .expect("slapadd runs");
        assert!(
            out.status.success(),
            "slapadd failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut slapd = Slapd {
            port: 0,
            dir,
            child: None,
        };
        slapd.run();
        slapd
    }

    fn run(&mut self) {
        use std::os::unix::process::CommandExt;
        for _ in 0..5 {
            let port = if self.port == 0 {
                TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
            } else {
                self.port
            };
            let child = Command::new(SLAPD)
                .arg("-h")
                .arg(format!("ldap://127.0.0.1:{port}/"))
                .arg("-f")
                .arg(self.dir.path().join("slapd.conf"))
                .args(["-d", "0"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("slapd starts");
            self.child = Some(child);
            self.port = port;
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(15) {
                if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return;
                }
                if let Some(Some(_)) = self.child.as_mut().map(|c| c.try_wait().ok().flatten()) {
                    break; // exited: the port was taken, try another
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            self.stop();
            self.port = 0;
        }
        panic!("slapd did not start");
    }

    pub fn url(&self) -> String {
        format!("ldap://127.0.0.1:{}", self.port)
    }

    /// Stops the server (as a failing directory would); `resume` starts it again on the same port.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
        }
    }

    pub fn resume(&mut self) {
        self.run();
    }

    /// An administrator connection, for tests that change the directory (blocking: call it
    /// off the async runtime).
    pub fn admin(url: &str) -> ldap3::LdapConn {
        let mut conn = ldap3::LdapConn::new(url).unwrap();
        conn.simple_bind(ADMIN_DN, ADMIN_PASSWORD).unwrap().success().unwrap();
        conn
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        self.stop();
    }
}

fn make_certificates(dir: &Path) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Allmende Test CA",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ]);
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "server.ext",
    ]);
}

fn config(dir: &Path, tls: bool) -> String {
    let d = dir.display();
    let tls = if tls {
        format!(
            "TLSCACertificateFile {d}/ca.pem\nTLSCertificateFile {d}/server.pem\nTLSCertificateKeyFile {d}/server.key\n"
        )
    } else {
        String::new()
    };
    format!(
        r#"include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
include {d}/ad.schema
pidfile {d}/slapd.pid
argsfile {d}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
{tls}sizelimit size.soft={SIZE_LIMIT} size.hard={SIZE_LIMIT} size.prtotal=unlimited
access to dn.base="" by * read
access to dn.base="cn=Subschema" by * read
access to attrs=userPassword
    by self write
    by anonymous auth
    by * none
access to *
    by users read
    by * none
database mdb
maxsize 4294967296
suffix "{BASE_DN}"
rootdn "{ADMIN_DN}"
rootpw {ADMIN_PASSWORD}
directory {d}/data
dbnosync
index objectClass eq
index uid,mail,employeeNumber,entryUUID eq
index cn,sn,givenName eq,sub
index member,manager eq
index ou,departmentNumber eq
"#
    )
}

/// Active Directory's user attributes (private OIDs), so tests can serve AD-shaped entries:
/// a binary objectGUID, sAMAccountName, userAccountControl, accountExpires, department.
const AD_SCHEMA: &str = "\
attributetype ( 1.3.6.1.4.1.55555.1.1 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch \
  SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.55555.1.2 NAME 'userPrincipalName' EQUALITY caseIgnoreMatch \
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.55555.1.3 NAME 'objectGUID' EQUALITY octetStringMatch \
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.55555.1.4 NAME 'userAccountControl' EQUALITY integerMatch \
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.55555.1.5 NAME 'accountExpires' EQUALITY integerMatch \
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.55555.1.6 NAME 'department' EQUALITY caseIgnoreMatch \
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.55555.2.1 NAME 'adUser' SUP inetOrgPerson STRUCTURAL \
  MAY ( sAMAccountName $ userPrincipalName $ objectGUID $ userAccountControl $ accountExpires $ department ) )
";

fn base_entries() -> String {
    format!(
        "dn: {BASE_DN}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Beispiel AG\n\n\
         dn: ou=people,{BASE_DN}\nobjectClass: organizationalUnit\nou: people\n\n\
         dn: ou=groups,{BASE_DN}\nobjectClass: organizationalUnit\nou: groups\n\n\
         dn: ou=services,{BASE_DN}\nobjectClass: organizationalUnit\nou: services\n\n\
         dn: {SERVICE_DN}\nobjectClass: person\ncn: allmende-sync\nsn: service\nuserPassword: {SERVICE_PASSWORD}\n"
    )
}
