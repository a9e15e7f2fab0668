//! Seleksi Ad Hoc: the core of the application that runs the recruitment of
//! PPK and PPS for a KPU Kabupaten/Kota.
//!
//! Layers, one way: `domain` (pure rules) ← `service` (use cases, one
//! transaction each, authorised) → `store` (the only SQL). The desktop shell
//! and the `adhoc` CLI call services and nothing else.

pub mod bounded_read;
pub mod docs;
pub mod domain;
pub mod durable;
pub mod error;
pub mod paths;
pub mod pdf;
pub mod private;
pub mod service;
pub mod store;

pub use error::{Error, ErrorPayload, Result};
