//! The time AMA windows and their schedule go by: the system's, plus an offset that only tests
//! move (to run a window without waiting for it). Nothing in production changes the offset.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{Duration, NaiveDateTime};

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_micros: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> NaiveDateTime {
        crate::db::now() + Duration::microseconds(self.offset_micros.load(Ordering::Relaxed))
    }

    /// From now on the clock reads `at` (and runs on from there).
    pub fn set(&self, at: NaiveDateTime) {
        let offset = (at - crate::db::now()).num_microseconds().unwrap_or(i64::MAX);
        self.offset_micros.store(offset, Ordering::Relaxed);
    }

    pub fn advance(&self, by: Duration) {
        self.set(self.now() + by);
    }
}
