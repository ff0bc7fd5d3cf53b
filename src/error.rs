//! The one error type. Handlers return it; the API answers with an RFC 9457 problem body,
//! pages get the same error rendered in the layout (see `web::error_pages`).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::Invalid;

crate::domain::text_enum!(
    /// Why something was refused (403) or conflicts with what exists (409): one closed list, so
    /// every code has its message in both languages (`every_code_has_a_message`) and API
    /// clients can rely on the spelling.
    Code, "code" {
        AlreadyATask => "already-a-task",
        AlreadyAdded => "already-added",
        AlreadyAnonymised => "already-anonymised",
        AlreadyAnswered => "already-answered",
        AlreadyDecided => "already-decided",
        AlreadyMember => "already-member",
        AlreadyReported => "already-reported",
        AlreadySent => "already-sent",
        AlreadyVoted => "already-voted",
        AmaClosed => "ama-closed",
        AmaNotLive => "ama-not-live",
        AmaNotOpen => "ama-not-open",
        AmaStarted => "ama-started",
        Archived => "archived",
        AuthorGone => "author-gone",
        Banned => "banned",
        CannotBanManager => "cannot-ban-manager",
        CannotBanSelf => "cannot-ban-self",
        CreateNotAllowed => "create-not-allowed",
        DatabaseNotEmpty => "database-not-empty",
        Deleted => "deleted",
        Duplicate => "duplicate",
        Forbidden => "forbidden",
        HostsOnly => "hosts-only",
        InvitationRequired => "invitation-required",
        LastManager => "last-manager",
        ManagersOnly => "managers-only",
        ManagersPostHere => "managers-post-here",
        MeetingOver => "meeting-over",
        MembersOnly => "members-only",
        MembershipManaged => "membership-managed",
        ModeratorsOnly => "moderators-only",
        NameTaken => "name-taken",
        NoDirectory => "no-directory",
        NoEmail => "no-email",
        NotAQuestion => "not-a-question",
        NotAnAction => "not-an-action",
        NotAnswered => "not-answered",
        NotAuthor => "not-author",
        NotMember => "not-member",
        NotYourself => "not-yourself",
        NothingToChange => "nothing-to-change",
        OfficialMail => "official-mail",
        OrganizersOnly => "organizers-only",
        OverlappingAma => "overlapping-ama",
        OwnContent => "own-content",
        OwnQuestion => "own-question",
        PersonFiguresOff => "person-figures-off",
        PollClosed => "poll-closed",
        PollHasVotes => "poll-has-votes",
        QuestionNotPublished => "question-not-published",
        QuestionState => "question-state",
        SlugTaken => "slug-taken",
        StillActive => "still-active",
        SyncRunning => "sync-running",
        UidTaken => "uid-taken",
    }
);

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden: {code}")]
    Forbidden { code: Code },
    #[error("the form was sent without a valid CSRF token")]
    Csrf,
    #[error("invalid input: {0}")]
    Invalid(#[from] Invalid),
    #[error("{detail}")]
    BadRequest { detail: String },
    #[error("conflict: {code}")]
    Conflict { code: Code },
    #[error("too many attempts")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

/// RFC 9457 problem details, with our stable `code`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// URI naming the problem type: `urn:allmende:problem:<code>`.
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code, e.g. `not-found`, `invalid-input`, `name-taken`.
    pub code: String,
    /// The offending field for `invalid-input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong with `field`, as a stable code: `required`, `too-long`, `not-member`, ….
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl AppError {
    pub fn forbidden() -> AppError {
        AppError::Forbidden { code: Code::Forbidden }
    }

    pub fn bad_request(detail: impl Into<String>) -> AppError {
        AppError::BadRequest { detail: detail.into() }
    }

    pub fn internal(e: impl Into<anyhow::Error>) -> AppError {
        AppError::Internal(e.into())
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not-found",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden { code } => code.as_str(),
            AppError::Csrf => "csrf-failed",
            AppError::Invalid(_) => "invalid-input",
            AppError::BadRequest { .. } => "bad-request",
            AppError::Conflict { code } => code.as_str(),
            AppError::TooManyRequests { .. } => "too-many-requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            AppError::NotFound => "Not found",
            AppError::Unauthenticated => "Authentication required",
            AppError::Forbidden { .. } | AppError::Csrf => "Forbidden",
            AppError::Invalid(_) => "Invalid input",
            AppError::BadRequest { .. } => "Bad request",
            AppError::Conflict { .. } => "Conflict",
            AppError::TooManyRequests { .. } => "Too many requests",
            AppError::Unavailable(_) => "Service unavailable",
            AppError::Internal(_) => "Internal server error",
        }
    }

    /// What a client may be told; internals stay in the log.
    fn public_detail(&self) -> String {
        match self {
            AppError::Unavailable(_) => "The database cannot be reached right now.".into(),
            AppError::Internal(_) => "Something went wrong on our side; it has been logged.".into(),
            AppError::Invalid(i) => format!("The field `{}` is not valid: {}.", i.field, i.code),
            other => other.to_string(),
        }
    }

    pub fn problem(&self) -> Problem {
        let code = self.code();
        Problem {
            type_uri: format!("urn:allmende:problem:{code}"),
            title: self.title().into(),
            status: self.status_code().as_u16(),
            detail: self.public_detail(),
            code: code.into(),
            field: match self {
                AppError::Invalid(i) => Some(i.field.into()),
                _ => None,
            },
            reason: match self {
                AppError::Invalid(i) => Some(i.code.into()),
                _ => None,
            },
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden { .. } | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::Internal(e) => tracing::error!(error = format!("{e:#}"), "internal error"),
            AppError::Unavailable(e) => tracing::error!(error = %e, "database unavailable"),
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        if let AppError::TooManyRequests { retry_after_secs } = self {
            res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let AppError::Unauthenticated = self {
            res.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        res.json(self.problem())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::NotFound,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => AppError::Conflict { code: Code::Duplicate },
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Locale;

    /// Every code a person can meet is said in words, in both languages; the codes of the
    /// other errors as well.
    #[test]
    fn every_code_has_a_message() {
        let others = [
            "not-found",
            "unauthenticated",
            "csrf-failed",
            "bad-request",
            "too-many-requests",
            "unavailable",
            "internal",
        ];
        for code in Code::ALL.iter().map(|c| c.as_str()).chain(others) {
            for lang in [Locale::De, Locale::En] {
                assert!(
                    crate::i18n::has(lang, &format!("error-{code}")),
                    "error-{code} has no message in {lang:?}"
                );
            }
        }
    }
}
