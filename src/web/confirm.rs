//! Far-reaching actions ask first, in the server's words. A button that needs a confirmation
//! carries `data-confirm`; its form posts as any other. Without `confirm=yes` the route does
//! nothing and answers with a page that says what will happen (whom it reaches, what is lost) and
//! offers the same form again, confirmed. With JavaScript (`static/confirm.js`) the same page is
//! fetched and its question shown in a dialog, so the words are never written twice and a page
//! without JavaScript is just as safe. The JSON API does not ask: a client that calls DELETE means it.

use serde::{Deserialize, Serialize};

use super::Ui;
use crate::error::AppError;

/// The field a confirmed form carries.
#[derive(Debug, Default, Deserialize)]
pub struct Confirmation {
    #[serde(default)]
    confirm: String,
}

impl Confirmation {
    pub fn given(&self) -> bool {
        self.confirm == "yes"
    }
}

/// What the confirmation page asks.
#[derive(Debug, Serialize)]
pub struct Question {
    /// The heading: "Beitrag löschen?"
    pub title: String,
    /// What will happen, in a sentence or two.
    pub consequence: String,
    /// The confirming button's label: "Löschen".
    pub yes: String,
    /// Where the form goes again, confirmed.
    pub action: String,
    /// Where "cancel" leads: the page the person came from.
    pub back: String,
    /// Fields the original form carried besides the token (e.g. `action=ban`).
    pub fields: Vec<Field>,
    /// Whether the action cannot be undone: the button is drawn as a danger.
    pub lasting: bool,
}

#[derive(Debug, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
}

impl Question {
    pub fn new(title: String, consequence: String, yes: String, action: &str, back: &str) -> Question {
        Question {
            title,
            consequence,
            yes,
            action: action.to_string(),
            back: back.to_string(),
            fields: Vec::new(),
            lasting: true,
        }
    }

    pub fn with_field(mut self, name: &str, value: &str) -> Question {
        self.fields.push(Field {
            name: name.to_string(),
            value: value.to_string(),
        });
        self
    }

    /// An action that can be taken back (leaving, closing early) is not drawn as a danger.
    pub fn undoable(mut self) -> Question {
        self.lasting = false;
        self
    }
}

impl Ui {
    /// The confirmation page for `question`.
    pub fn ask(&self, question: &Question) -> Result<actix_web::HttpResponse, AppError> {
        let mut ctx = self.context();
        ctx.insert("question", question);
        self.render("confirm.html", &ctx)
    }
}
