#pragma once

#include <QByteArray>

// How the cache stores a record's raw JSON: zlib with a GLEIF-shaped preset dictionary, in
// qCompress's layout (4-byte big-endian length, then the zlib stream).
namespace RawCodec {

// zlib level 6: with the dictionary it costs little more than level 1 and saves a sixth.
inline constexpr int Level = 6;

QByteArray compress(const QByteArray &json);
// Reads what compress() wrote, and plain qCompress() data. Empty when the data is damaged.
QByteArray uncompress(const QByteArray &blob);

} // namespace RawCodec
