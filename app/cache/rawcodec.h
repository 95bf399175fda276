#pragma once

#include <QByteArray>

// How the cache stores a record's raw JSON: zlib with a GLEIF-shaped preset dictionary, in
// qCompress's layout (4-byte big-endian length, then the zlib stream).
namespace RawCodec {

// zlib level 3 (with memLevel 4, see rawcodec.cpp): measured on GLEIF records, as fast as
// level 1 and within 3% of level 6's size.
inline constexpr int Level = 3;

QByteArray compress(const QByteArray &json);
// Reads what compress() wrote, and plain qCompress() data. Empty when the data is damaged.
QByteArray uncompress(const QByteArray &blob);

} // namespace RawCodec
