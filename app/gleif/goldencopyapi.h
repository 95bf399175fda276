#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

#include <optional>

// GLEIF's Golden Copy and mapping metadata APIs (docs/gleif-api.md, "Golden Copy and mapping
// files"): what is published, and what a mirror needs to download to catch up. Parsing and
// planning only, no network: the answers come from whoever fetched them.
namespace GoldenCopy {

enum class FileType { Lei2, Rr, Repex, BicMap };
inline constexpr FileType goldenCopyTypes[] = { FileType::Lei2, FileType::Rr, FileType::Repex };
QString typeName(FileType type); // "lei2", "rr", "repex", "bic-map"

// Ordered from the narrowest window to the widest.
enum class Delta { IntraDay, LastDay, LastWeek, LastMonth };
inline constexpr Delta allDeltas[] = { Delta::IntraDay, Delta::LastDay, Delta::LastWeek, Delta::LastMonth };
QString deltaName(Delta delta); // "IntraDay", ... as in the API
qint64 deltaWindowSeconds(Delta delta); // 8 h, 24 h, 7 d, 31 d

// One published file: its CSV (zipped) form, the one the mirror imports.
struct FileInfo
{
    QUrl url;
    qint64 size = 0; // bytes, as published; -1: not published (the BIC map)
    qint64 recordCount = 0; // -1: not published
};

// What `publishes/{type}/latest` says of one type (also each type of `publishes/latest`).
struct TypeInfo
{
    QDateTime publishDate; // UTC
    FileInfo full;
    QMap<Delta, FileInfo> deltas; // absent when not published
};

// `publishes/latest`.
struct Publish
{
    QDateTime publishDate; // UTC
    QMap<FileType, TypeInfo> types; // lei2, rr, repex
};

// `bic-lei/latest` of the mapping API.
struct MappingFile
{
    QString fileName; // as published; never used as a local name (see localFileName)
    QDateTime uploadedAt; // UTC
    QUrl url;
};

// The parsers take the answer's body and the base URL it came from (the contract's
// `--golden-copy-url` / `--mapping-url`): file URLs must be on the base's host, by https (http
// only when the base is http, as the local fake is). A hostile or broken answer gives nullopt
// and a one-line `error` naming the field; nothing is trusted that was not checked.
std::optional<Publish> parseLatest(const QByteArray &json, const QUrl &base, QString *error);
std::optional<TypeInfo> parseTypeLatest(const QByteArray &json, const QUrl &base, QString *error);
std::optional<MappingFile> parseMappingLatest(const QByteArray &json, const QUrl &base, QString *error);

// The metadata URLs under the bases.
QUrl latestUrl(const QUrl &goldenCopyBase); // .../golden-copies/publishes/latest
QUrl typeLatestUrl(const QUrl &goldenCopyBase, FileType type);
QUrl mappingLatestUrl(const QUrl &mappingBase); // .../bic-lei/latest

// GLEIF's publish dates: "2026-09-30 08:00:00" (UTC), or ISO 8601. Invalid when neither.
QDateTime parsePublishDate(const QString &text);

// What the mirror holds: the publication it last applied, per type (invalid: none).
using MirrorDates = QMap<FileType, QDateTime>;

struct Download
{
    enum class Kind { Full, Delta, BicMap };
    FileType type = FileType::Lei2;
    Kind kind = Kind::Full;
    Delta delta = Delta::IntraDay; // for Kind::Delta
    FileInfo file;
    QDateTime publishDate; // what the mirror holds for `type` once this is imported
};

// Per Golden Copy type: nothing when the mirror holds the latest publication (or a later one);
// else the narrowest published delta whose window reaches back to the mirror's publish date or
// before; else (no mirror, or older than every delta) the full file. The BIC map when the mapping
// API's is newer than the mirror's. Pure: the same inputs give the same plan.
QList<Download> plan(const MirrorDates &mirror, const Publish &latest,
                     const std::optional<MappingFile> &mapping);

// A local file name for a download, spelled as GLEIF names its files
// (`20260930-0800-gleif-goldencopy-lei2-last-day.csv.zip`, `LEI-BIC-20260901.zip`: the mirror's
// import tells a delta by it) but built from the type, the kind and the publish date only,
// nothing the server chose (a published name could hold "../" or worse).
QString localFileName(const Download &download);

} // namespace GoldenCopy
