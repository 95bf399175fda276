#include "rawcodec.h"

#include <QtEndian>

#include <zlib.h>
#include <zstd.h>

#include <cstring>

namespace RawCodec {

namespace {

// A GLEIF lei-record as GleifRecord keeps it (compact JSON, keys sorted), values made generic.
// Records are small (about 1.7 kB) and mostly the same keys, links and codes, so priming
// the compressor with one cuts them to about a quarter of plain zlib (about 200 bytes instead of
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

const Dict *zlibDictionaryFor(uLong adler)
{
    const Dict &current = currentDictionary();
    return current.adler == adler ? &current : nullptr;
}

// zstd: the dictionary is digested once into a CDict/DDict that every record reuses. zlib had
// to re-hash the whole dictionary for each 1.2 kB record, which was 86% of a cache write.
struct ZstdDictionaries
{
    ZSTD_CDict *compress = nullptr;
    ZSTD_DDict *decompress = nullptr;
    ZstdDictionaries()
    {
        compress = ZSTD_createCDict(Dictionary1, sizeof(Dictionary1) - 1, ZstdLevel);
        decompress = ZSTD_createDDict(Dictionary1, sizeof(Dictionary1) - 1);
    }
    ~ZstdDictionaries()
    {
        ZSTD_freeCDict(compress);
        ZSTD_freeDDict(decompress);
    }
    Q_DISABLE_COPY_MOVE(ZstdDictionaries)
};

const ZstdDictionaries &zstdDictionaries()
{
    static const ZstdDictionaries dictionaries;
    return dictionaries;
}

// A context allocates its tables once; each thread keeps one, set up for the dictionary.
struct ZstdContexts
{
    ZSTD_CCtx *compress = ZSTD_createCCtx();
    ZSTD_DCtx *decompress = ZSTD_createDCtx();
    bool compressReady = false;
    ZstdContexts()
    {
        const ZstdDictionaries &dicts = zstdDictionaries();
        // The checksum (4 bytes) makes a damaged record fail to read instead of reading back
        // altered, as zlib's Adler-32 did: SQLite does not check page contents.
        compressReady = compress && dicts.compress
            && !ZSTD_isError(ZSTD_CCtx_refCDict(compress, dicts.compress))
            && !ZSTD_isError(ZSTD_CCtx_setParameter(compress, ZSTD_c_checksumFlag, 1));
    }
    ~ZstdContexts()
    {
        ZSTD_freeCCtx(compress);
        ZSTD_freeDCtx(decompress);
    }
    Q_DISABLE_COPY_MOVE(ZstdContexts)
};

ZstdContexts &zstdContexts()
{
    thread_local ZstdContexts contexts;
    return contexts;
}

struct Inflater
{
    z_stream stream{};
    bool ok = false;
    Inflater() { ok = inflateInit(&stream) == Z_OK; }
    ~Inflater() { if (ok) inflateEnd(&stream); }
    Q_DISABLE_COPY_MOVE(Inflater)
};

// A damaged length must not make us allocate gigabytes; GLEIF records are a few kB.
constexpr quint32 MaxRecordSize = 64 * 1024 * 1024;

// Records written before zstd (schema v3's first releases): qCompress layout, zlib stream
// primed with Dictionary1 (or none).
QByteArray uncompressZlib(const QByteArray &blob)
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
        const Dict *dict = zlibDictionaryFor(s.adler);
        if (!dict || inflateSetDictionary(&s, dict->data, dict->size) != Z_OK)
            return {};
        result = inflate(&s, Z_FINISH);
    }
    if (result != Z_STREAM_END || s.total_out != size)
        return {};
    return out;
}

QByteArray uncompressZstd(const QByteArray &blob)
{
    const char *frame = blob.constData() + 1;
    const size_t frameSize = size_t(blob.size() - 1);
    const unsigned long long size = ZSTD_getFrameContentSize(frame, frameSize);
    if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size == 0 || size > MaxRecordSize)
        return {};
    const ZstdDictionaries &dicts = zstdDictionaries();
    ZstdContexts &contexts = zstdContexts();
    if (!dicts.decompress || !contexts.decompress)
        return {};
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    const size_t written = ZSTD_decompress_usingDDict(contexts.decompress, out.data(), size_t(size),
                                                      frame, frameSize, dicts.decompress);
    if (ZSTD_isError(written) || written != size)
        return {};
    return out;
}

} // namespace

QByteArray compress(const QByteArray &json)
{
    if (json.isEmpty())
        return {};
    ZstdContexts &contexts = zstdContexts();
    if (!contexts.compressReady)
        return qCompress(json); // still readable by uncompress()
    QByteArray out(qsizetype(1 + ZSTD_compressBound(size_t(json.size()))), Qt::Uninitialized);
    out[0] = char(ZstdTag);
    const size_t written = ZSTD_compress2(contexts.compress, out.data() + 1, size_t(out.size() - 1),
                                          json.constData(), size_t(json.size()));
    if (ZSTD_isError(written))
        return qCompress(json);
    out.truncate(qsizetype(1 + written));
    return out;
}

QByteArray uncompress(const QByteArray &blob)
{
    if (blob.isEmpty())
        return {};
    if (quint8(blob.at(0)) == ZstdTag)
        return uncompressZstd(blob);
    return uncompressZlib(blob);
}

} // namespace RawCodec
