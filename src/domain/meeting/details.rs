//! What a meeting's minutes (議事要旨) say of it besides its agenda: the
//! place, who attended and who did not, the secretariat, observers, whether
//! it was public (and why not), the documents handed out, and the time zone
//! its times are read in. Entered with `kensho meetings set NAME field=value`
//! or on the board's meeting information screen.

use serde::{Deserialize, Serialize};

/// The details of a meeting; every one may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Details {
    /// 場所.
    pub place: Option<String>,
    /// 出席者 (one per entry).
    pub attendees: Vec<String>,
    /// 欠席者.
    pub absent: Vec<String>,
    /// 事務局 (post and name).
    pub secretariat: Vec<String>,
    /// 傍聴者数.
    pub observers: Option<u32>,
    /// 公開 (true) or 非公開 (false).
    pub public: Option<bool>,
    /// Why it was not public (非公開の理由).
    pub reason: Option<String>,
    /// 配布資料.
    pub documents: Vec<String>,
}

/// A field of [`Details`], by the name `meetings set` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailField {
    Place,
    Attendees,
    Absent,
    Secretariat,
    Observers,
    Public,
    Reason,
    Documents,
    /// The meeting's time zone (an IANA name such as Asia/Tokyo).
    Zone,
}

impl DetailField {
    pub const ALL: [DetailField; 9] = [
        DetailField::Place,
        DetailField::Attendees,
        DetailField::Absent,
        DetailField::Secretariat,
        DetailField::Observers,
        DetailField::Public,
        DetailField::Reason,
        DetailField::Documents,
        DetailField::Zone,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DetailField::Place => "place",
            DetailField::Attendees => "attendees",
            DetailField::Absent => "absent",
            DetailField::Secretariat => "secretariat",
            DetailField::Observers => "observers",
            DetailField::Public => "public",
            DetailField::Reason => "reason",
            DetailField::Documents => "documents",
            DetailField::Zone => "zone",
        }
    }

    pub fn parse(name: &str) -> Option<DetailField> {
        DetailField::ALL
            .into_iter()
            .find(|f| f.name() == name.trim())
    }

    /// Whether the field holds a list (names, documents).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            DetailField::Attendees
                | DetailField::Absent
                | DetailField::Secretariat
                | DetailField::Documents
        )
    }
}

/// Details to set: each field with its new value, as typed.
pub type DetailSet = Vec<(DetailField, String)>;

/// Why a detail's value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadDetail {
    /// `observers` takes a number.
    NotANumber,
    /// `public` takes yes or no (はい・いいえ, 公開・非公開).
    NotYesNo,
    /// `zone` takes an IANA zone name this machine knows.
    UnknownZone,
}

/// The entries of a list typed on one line: separated by 、 , ， ; ； or a
/// line end, each trimmed, empty ones left out.
pub fn split_list(value: &str) -> Vec<String> {
    value
        .split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A yes or a no, as people type it.
fn yes_no(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "public" | "はい" | "公開" => Some(true),
        "no" | "n" | "false" | "private" | "いいえ" | "非公開" => Some(false),
        _ => None,
    }
}

/// Whether `zone` is a time zone this machine knows (its database).
pub fn known_zone(zone: &str) -> bool {
    jiff::tz::TimeZone::get(zone).is_ok()
}

impl Details {
    /// Set `field` to `value` (empty: clear it). The zone is the meeting's,
    /// not a detail's: it is given back to the caller to keep.
    pub fn set(&mut self, field: DetailField, value: &str) -> Result<(), BadDetail> {
        let text = value.trim();
        let one = (!text.is_empty()).then(|| text.to_string());
        match field {
            DetailField::Place => self.place = one,
            DetailField::Reason => self.reason = one,
            DetailField::Attendees => self.attendees = split_list(value),
            DetailField::Absent => self.absent = split_list(value),
            DetailField::Secretariat => self.secretariat = split_list(value),
            DetailField::Documents => self.documents = split_list(value),
            DetailField::Observers if text.is_empty() => self.observers = None,
            DetailField::Observers => {
                let digits: String = text
                    .chars()
                    .map(|c| match c {
                        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                        c => c,
                    })
                    .filter(|c| *c != '名' && *c != '人')
                    .collect();
                self.observers = Some(digits.trim().parse().map_err(|_| BadDetail::NotANumber)?);
            }
            DetailField::Public if text.is_empty() => self.public = None,
            DetailField::Public => self.public = Some(yes_no(text).ok_or(BadDetail::NotYesNo)?),
            DetailField::Zone => {}
        }
        Ok(())
    }

    /// The value of `field` as it is typed (lists joined with 、).
    pub fn get(&self, field: DetailField) -> String {
        let list = |v: &[String]| v.join("、");
        match field {
            DetailField::Place => self.place.clone().unwrap_or_default(),
            DetailField::Reason => self.reason.clone().unwrap_or_default(),
            DetailField::Attendees => list(&self.attendees),
            DetailField::Absent => list(&self.absent),
            DetailField::Secretariat => list(&self.secretariat),
            DetailField::Documents => list(&self.documents),
            DetailField::Observers => self.observers.map(|n| n.to_string()).unwrap_or_default(),
            DetailField::Public => match self.public {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            DetailField::Zone => String::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Details::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_taken_as_people_type_them() {
        let mut d = Details::default();
        d.set(DetailField::Attendees, "佐藤 花子、鈴木 一郎, 田中；")
            .unwrap();
        assert_eq!(d.attendees, ["佐藤 花子", "鈴木 一郎", "田中"]);
        d.set(DetailField::Observers, "２名").unwrap();
        assert_eq!(d.observers, Some(2));
        assert_eq!(
            d.set(DetailField::Observers, "few"),
            Err(BadDetail::NotANumber)
        );
        d.set(DetailField::Public, "非公開").unwrap();
        assert_eq!(d.public, Some(false));
        assert_eq!(
            d.set(DetailField::Public, "maybe"),
            Err(BadDetail::NotYesNo)
        );
        d.set(DetailField::Place, "  ").unwrap();
        assert_eq!(d.place, None);
        assert!(known_zone("Asia/Tokyo") && !known_zone("Mars/Olympus"));
        assert_eq!(
            DetailField::parse(" documents"),
            Some(DetailField::Documents)
        );
    }
}
