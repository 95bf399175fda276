#include "rawcodec.h"

#include <QtEndian>

#include <zlib.h>

#include <cstring>

namespace RawCodec {

namespace {

// A GLEIF lei-record as GleifRecord keeps it (compact JSON, keys sorted), values made generic.
// Records are small (about 1.7 kB) and mostly the same keys, links and codes, so priming
// deflate with one cuts them to about a quarter of plain zlib (about 200 bytes instead of
// 770). zlib writes this dictionary's Adler-32 into every stream and inflate asks for it by
// that number: never edit it; add a new one to dictionaryFor() and compress with that.
constexpr char Dictionary1[] =
    "{\"attributes\":{\"bic\":[\"LLCMGB22XXX\"],\"conformityFlag\":\"CONFORMING\",\"entity\":{\"associatedEntity\":"
    "{\"lei\":null,\"name\":null},\"category\":\"GENERAL\",\"creationDate\":\"2001-01-01T00:00:00Z\",\"eventGroups"
    "\":[],\"expiration\":{\"date\":null,\"reason\":null},\"headquartersAddress\":{\"addressLines\":[\"Street\"],\""
    "addressNumber\":null,\"addressNumberWithinBuilding\":null,\"city\":\"City\",\"country\":\"GB\",\"language\":\""
    "en\",\"mailRouting\":null,\"postalCode\":\"00000\",\"region\":null},\"jurisdiction\":\"GB\",\"legalAddress\":{\""
    "addressLines\":[\"Street\"],\"addressNumber\":null,\"addressNumberWithinBuilding\":null,\"city\":\"City\",\""
    "country\":\"GB\",\"language\":\"en\",\"mailRouting\":null,\"postalCode\":\"00000\",\"region\":null},\"legalForm\""
    ":{\"id\":\"H0PO\",\"other\":null},\"legalName\":{\"language\":\"en\",\"name\":\"GmbH AG S.A. LIMITED LTD PLC N."
    "V. B.V. Inc. LLC\"},\"otherAddresses\":[],\"otherNames\":[],\"registeredAs\":\"00000000\",\"registeredAt\":"
    "{\"id\":\"RA000585\",\"other\":null},\"status\":\"ACTIVE\",\"subCategory\":null,\"successorEntities\":[],\"succ"
    "essorEntity\":{\"lei\":null,\"name\":null},\"transliteratedOtherNames\":[]},\"lei\":\"529900XXXXXXXXXXXX00"
    "\",\"mic\":null,\"ocid\":null,\"registration\":{\"corroborationLevel\":\"FULLY_CORROBORATED\",\"initialRegis"
    "trationDate\":\"2014-01-01T00:00:00Z\",\"lastUpdateDate\":\"2026-01-01T00:00:00Z\",\"managingLou\":\"52990"
    "00J2N45DDNE4Y28\",\"nextRenewalDate\":\"2027-01-01T00:00:00Z\",\"otherValidationAuthorities\":[],\"statu"
    "s\":\"ISSUED\",\"validatedAs\":\"00000000\",\"validatedAt\":{\"id\":\"RA000585\",\"other\":null}},\"spglobal\":[]"
    "},\"id\":\"529900XXXXXXXXXXXX00\",\"links\":{\"self\":\"https://api.gleif.org/api/v1/lei-records/529900XX"
    "XXXXXXXXXX00\"},\"relationships\":{\"direct-child-relationships\":{\"links\":{\"related\":\"https://api.gl"
    "eif.org/api/v1/lei-records/529900XXXXXXXXXXXX00/direct-child-relationships\"}},\"direct-children\":"
    "{\"links\":{\"related\":\"https://api.gleif.org/api/v1/lei-records/529900XXXXXXXXXXXX00/direct-childr"
    "en\"}},\"direct-parent\":{\"links\":{\"related\":\"https://api.gleif.org/api/v1/lei-records/529900XXXXXX"
    "XXXXXX00/direct-parent\",\"relationship-record\":\"https://api.gleif.org/api/v1/lei-records/529900XX"
    "XXXXXXXXXX00/direct-parent-relationship\",\"reporting-exception\":\"https://api.gleif.org/api/v1/lei"
    "-records/529900XXXXXXXXXXXX00/direct-parent-reporting-exception\"}},\"field-modifications\":{\"links"
    "\":{\"related\":\"https://api.gleif.org/api/v1/lei-records/529900XXXXXXXXXXXX00/field-modifications\""
    "}},\"isins\":{\"links\":{\"related\":\"https://api.gleif.org/api/v1/lei-records/529900XXXXXXXXXXXX00/is"
    "ins\"}},\"lei-issuer\":{\"links\":{\"related\":\"https://api.gleif.org/api/v1/lei-records/529900XXXXXXXX"
    "XXXX00/lei-issuer\"}},\"managing-lou\":{\"links\":{\"related\":\"https://api.gleif.org/api/v1/lei-record"
    "s/529900XXXXXXXXXXXX00/managing-lou\"}},\"ultimate-child-relationships\":{\"links\":{\"related\":\"https"
    "://api.gleif.org/api/v1/lei-records/529900XXXXXXXXXXXX00/ultimate-child-relationships\"}},\"ultima"
    "te-children\":{\"links\":{\"related\":\"https://api.gleif.org/api/v1/lei-records/529900XXXXXXXXXXXX00/"
    "ultimate-children\"}},\"ultimate-parent\":{\"links\":{\"related\":\"https://api.gleif.org/api/v1/lei-rec"
    "ords/529900XXXXXXXXXXXX00/ultimate-parent\",\"relationship-record\":\"https://api.gleif.org/api/v1/l"
    "ei-records/529900XXXXXXXXXXXX00/ultimate-parent-relationship\",\"reporting-exception\":\"https://api"
    ".gleif.org/api/v1/lei-records/529900XXXXXXXXXXXX00/ultimate-parent-reporting-exception\"}}},\"type"
    "\":\"lei-records\"}";

struct Dict
{
    const Bytef *data;
    uInt size;
    uLong adler;
};

const Dict &currentDictionary()
{
    static const Dict dict = [] {
        const auto *data = reinterpret_cast<const Bytef *>(Dictionary1);
        const uInt size = uInt(sizeof(Dictionary1) - 1);
        return Dict{data, size, adler32(adler32(0, nullptr, 0), data, size)};
    }();
    return dict;
}

const Dict *dictionaryFor(uLong adler)
{
    const Dict &current = currentDictionary();
    return current.adler == adler ? &current : nullptr;
}

// deflateInit allocates and clears about 270 kB, which costs more than compressing a record:
// each thread keeps one stream and resets it.
struct Deflater
{
    z_stream stream{};
    bool ok = false;
    // memLevel 4: a smaller hash table to clear on every reset; measured as fast as level 1
    // with the default memLevel while compressing like level 6.
    Deflater() { ok = deflateInit2(&stream, Level, Z_DEFLATED, 15, 4, Z_DEFAULT_STRATEGY) == Z_OK; }
    ~Deflater() { if (ok) deflateEnd(&stream); }
    Deflater(const Deflater &) = delete;
    Deflater &operator=(const Deflater &) = delete;
};

struct Inflater
{
    z_stream stream{};
    bool ok = false;
    Inflater() { ok = inflateInit(&stream) == Z_OK; }
    ~Inflater() { if (ok) inflateEnd(&stream); }
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;
};

// A damaged length must not make us allocate gigabytes; GLEIF records are a few kB.
constexpr quint32 MaxRecordSize = 64 * 1024 * 1024;

} // namespace

QByteArray compress(const QByteArray &json)
{
    if (json.isEmpty())
        return {};
    thread_local Deflater d;
    z_stream &s = d.stream;
    const Dict &dict = currentDictionary();
    if (!d.ok || deflateReset(&s) != Z_OK || deflateSetDictionary(&s, dict.data, dict.size) != Z_OK)
        return qCompress(json); // still readable by uncompress()
    QByteArray out(qsizetype(4 + deflateBound(&s, uLong(json.size()))), Qt::Uninitialized);
    qToBigEndian(quint32(json.size()), out.data());
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(json.constData()));
    s.avail_in = uInt(json.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data() + 4);
    s.avail_out = uInt(out.size() - 4);
    if (deflate(&s, Z_FINISH) != Z_STREAM_END)
        return qCompress(json);
    out.truncate(qsizetype(4 + s.total_out));
    return out;
}

QByteArray uncompress(const QByteArray &blob)
{
    if (blob.size() <= 4)
        return {};
    const quint32 size = qFromBigEndian<quint32>(blob.constData());
    if (size == 0 || size > MaxRecordSize)
        return {};
    thread_local Inflater i;
    z_stream &s = i.stream;
    if (!i.ok || inflateReset(&s) != Z_OK)
        return {};
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(blob.constData() + 4));
    s.avail_in = uInt(blob.size() - 4);
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    int result = inflate(&s, Z_FINISH);
    if (result == Z_NEED_DICT) {
        const Dict *dict = dictionaryFor(s.adler);
        if (!dict || inflateSetDictionary(&s, dict->data, dict->size) != Z_OK)
            return {};
        result = inflate(&s, Z_FINISH);
    }
    if (result != Z_STREAM_END || s.total_out != size)
        return {};
    return out;
}

} // namespace RawCodec
