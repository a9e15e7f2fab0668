//! Documents in and out: CSV files staff import (and, later, PDFs).

pub mod csv_in;
