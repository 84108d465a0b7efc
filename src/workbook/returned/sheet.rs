//! The cells of a returned workbook that kensho reads: the first columns
//! of a sheet, kept sparse, each as text.

use std::collections::{HashMap, HashSet};

use calamine::{Data, Xlsx};

/// A cell's value as text, or what it holds when it is not text.
pub fn text_of(data: Option<&Data>) -> Result<String, Data> {
    Ok(match data {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.replace("\r\n", "\n"),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Some(other) => return Err(other.clone()),
    })
}

/// The cells of a sheet that kensho reads: the first columns only, kept
/// sparse. (calamine's `worksheet_range` allocates every cell of the sheet's
/// extent: one cell written at XFD1048576 asked for 550 GB.)
pub struct Sheet {
    cells: HashMap<(u32, u32), Data>,
    /// The cells read that hold a formula (whatever value it left).
    formulas: HashSet<(u32, u32)>,
    last_row: Option<u32>,
}

/// Columns read: the survey's, and a few to spare.
const COLUMNS_READ: u32 = 16;
/// Cells read at most (a department's rows are a few thousand).
const CELLS_READ: usize = 4_000_000;

impl Sheet {
    pub fn get_value(&self, at: (u32, u32)) -> Option<&Data> {
        self.cells.get(&at)
    }

    /// Whether the cell holds a formula.
    pub fn formula_at(&self, at: (u32, u32)) -> bool {
        self.formulas.contains(&at)
    }

    /// The last row holding a cell read (calamine's `Range::end` shape).
    pub fn end(&self) -> Option<(u32, u32)> {
        self.last_row.map(|r| (r, 0))
    }
}

pub fn read_sheet<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
) -> Result<Sheet, calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(name)?;
    let mut sheet = Sheet {
        cells: HashMap::new(),
        formulas: HashSet::new(),
        last_row: None,
    };
    while let Some(cell) = reader.next_cell_with_formula_metadata()? {
        let (row, col) = cell.pos;
        if col >= COLUMNS_READ {
            continue;
        }
        let value: Data = cell.value.clone().into();
        let formula = cell.formula.is_some();
        if value == Data::Empty && !formula {
            continue;
        }
        if sheet.cells.len() + sheet.formulas.len() >= CELLS_READ {
            return Err(calamine::XlsxError::Unexpected("too many cells"));
        }
        sheet.last_row = Some(sheet.last_row.map_or(row, |r| r.max(row)));
        if formula {
            sheet.formulas.insert((row, col));
        }
        if value != Data::Empty {
            sheet.cells.insert((row, col), value);
        }
    }
    Ok(sheet)
}

/// The facts of the hidden sheet, by key.
pub fn facts(meta: &Sheet) -> HashMap<String, String> {
    (0..9)
        .filter_map(|row| {
            let key = text_of(meta.get_value((row, 0))).ok()?;
            let value = text_of(meta.get_value((row, 1))).ok()?;
            Some((key, value))
        })
        .collect()
}
