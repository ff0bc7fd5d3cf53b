use super::Invalid;
use super::text::Line;

pub type PollQuestion = Line<1, 300>;
pub type PollOptionText = Line<1, 200>;

/// A poll's options: 2 to 20, none twice (ignoring case and surrounding space).
#[derive(Debug, Clone)]
pub struct PollOptions(Vec<PollOptionText>);

impl PollOptions {
    pub const MIN: usize = 2;
    pub const MAX: usize = 20;

    pub fn parse<S: AsRef<str>>(raw: &[S]) -> Result<PollOptions, Invalid> {
        let options: Vec<PollOptionText> = raw
            .iter()
            .map(|o| o.as_ref())
            .filter(|o| !o.trim().is_empty())
            .map(|o| PollOptionText::parse("options", o))
            .collect::<Result<_, _>>()?;
        if options.len() < Self::MIN {
            return Err(Invalid::new("options", "too-few"));
        }
        if options.len() > Self::MAX {
            return Err(Invalid::new("options", "too-many"));
        }
        let mut keys: Vec<String> = options.iter().map(|o| o.as_str().to_lowercase()).collect();
        keys.sort();
        keys.dedup();
        if keys.len() != options.len() {
            return Err(Invalid::new("options", "duplicate"));
        }
        Ok(PollOptions(options))
    }

    pub fn iter(&self) -> impl Iterator<Item = &PollOptionText> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        assert!(PollOptions::parse(&["Montag", "Dienstag"]).is_ok());
        assert_eq!(PollOptions::parse(&["Montag", " "]).unwrap_err().code, "too-few");
        assert_eq!(
            PollOptions::parse(&["Montag", " montag "]).unwrap_err().code,
            "duplicate"
        );
        let many: Vec<String> = (0..21).map(|i| format!("Tag {i}")).collect();
        assert_eq!(PollOptions::parse(&many).unwrap_err().code, "too-many");
    }
}
