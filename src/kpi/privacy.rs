//! The one rule every KPI output obeys (pages, API, CSV): aggregates, never individuals.
//! A figure about people is shown only when it describes at least `kpi.min_group` of them;
//! a count of people is also withheld when the ones it leaves out are fewer (managers never
//! learn who did not take part); and nothing is shown of a community smaller than that.

use serde::Serialize;

/// One figure's value as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Reading {
    /// The value; none when withheld or when there is nothing to measure (no questions: no
    /// median time to answer).
    pub value: Option<f64>,
    /// Withheld: it would describe fewer people than the smallest group shown.
    pub withheld: bool,
}

impl Reading {
    pub const WITHHELD: Reading = Reading {
        value: None,
        withheld: true,
    };

    pub fn shown(value: Option<f64>) -> Reading {
        Reading { value, withheld: false }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub min_group: i64,
}

impl Rule {
    /// Whether a group of `n` people is large enough to describe (none is: nothing to hide).
    pub fn enough(&self, n: usize) -> bool {
        n == 0 || n as i64 >= self.min_group
    }

    /// A count of `n` people out of `group`: shown when both they and the rest are enough.
    pub fn people(&self, n: usize, group: i64) -> Reading {
        let rest = (group - n as i64).max(0) as usize;
        if self.enough(n) && self.enough(rest) && group >= self.min_group {
            Reading::shown(Some(n as f64))
        } else {
            Reading::WITHHELD
        }
    }

    /// A share of people (`n` of `group`), under the same rule as their count.
    pub fn share_of_people(&self, n: usize, group: i64) -> Reading {
        match self.people(n, group) {
            Reading { value: Some(_), .. } if group > 0 => Reading::shown(Some(n as f64 / group as f64)),
            r if r.withheld => r,
            _ => Reading::shown(None),
        }
    }

    /// A figure made by `contributors` people (posts, answers, moderation): shown when they
    /// are enough.
    pub fn made_by(&self, value: Option<f64>, contributors: usize) -> Reading {
        if self.enough(contributors) {
            Reading::shown(value)
        } else {
            Reading::WITHHELD
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: Rule = Rule { min_group: 5 };

    #[test]
    fn counts_of_people_need_five_on_both_sides() {
        assert_eq!(RULE.people(5, 20).value, Some(5.0));
        assert!(RULE.people(4, 20).withheld);
        assert!(
            RULE.people(17, 20).withheld,
            "three who did not take part would be exposed"
        );
        assert_eq!(RULE.people(20, 20).value, Some(20.0));
        assert_eq!(RULE.people(0, 20).value, Some(0.0));
        assert!(RULE.people(0, 4).withheld, "a group of four is never described");
    }

    #[test]
    fn shares_follow_the_counts() {
        assert_eq!(RULE.share_of_people(10, 20).value, Some(0.5));
        assert!(RULE.share_of_people(2, 20).withheld);
    }

    #[test]
    fn figures_made_by_few_are_withheld() {
        assert!(RULE.made_by(Some(12.0), 3).withheld);
        assert_eq!(RULE.made_by(Some(12.0), 6).value, Some(12.0));
        assert_eq!(RULE.made_by(Some(0.0), 0).value, Some(0.0));
    }
}
