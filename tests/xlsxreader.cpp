#include "xlsxreader.h"

#include <QFile>
#include <QtEndian>

#include <zlib.h>

namespace {
quint16 u16(const QByteArray &d, qsizetype at) { return qFromLittleEndian<quint16>(d.constData() + at); }
quint32 u32(const QByteArray &d, qsizetype at) { return qFromLittleEndian<quint32>(d.constData() + at); }
}

QHash<QString, QByteArray> readZip(const QString &path, QString *error)
{
    QHash<QString, QByteArray> entries;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return entries;
    }
    const QByteArray d = f.readAll();
    // Walk the local file headers (libxlsxwriter writes sizes in them or in data descriptors;
    // the central directory has them for sure, so read it).
    const qsizetype eocd = d.lastIndexOf(QByteArray("PK\x05\x06", 4));
    if (eocd < 0) {
        *error = QStringLiteral("not a ZIP file");
        return entries;
    }
    qint64 cd = u32(d, eocd + 16);
    const int count = u16(d, eocd + 10);
    if (cd == 0xFFFFFFFF) { // ZIP64: the central directory offset is in the ZIP64 end record
        const qsizetype loc = d.lastIndexOf(QByteArray("PK\x06\x06", 4));
        cd = qFromLittleEndian<quint64>(d.constData() + loc + 48);
    }
    for (int i = 0; i < count; ++i) {
        if (u32(d, cd) != 0x02014b50) {
            *error = QStringLiteral("bad central directory");
            return {};
        }
        const int method = u16(d, cd + 10);
        qint64 compressed = u32(d, cd + 20);
        qint64 size = u32(d, cd + 24);
        const int nameLen = u16(d, cd + 28), extraLen = u16(d, cd + 30), commentLen = u16(d, cd + 32);
        qint64 local = u32(d, cd + 42);
        const QString name = QString::fromUtf8(d.mid(cd + 46, nameLen));
        // ZIP64 extra field: the 0xFFFFFFFF fields follow in order.
        for (qsizetype e = cd + 46 + nameLen; e < cd + 46 + nameLen + extraLen;) {
            const int id = u16(d, e), len = u16(d, e + 2);
            if (id == 1) {
                qsizetype p = e + 4;
                if (size == 0xFFFFFFFF) { size = qint64(qFromLittleEndian<quint64>(d.constData() + p)); p += 8; }
                if (compressed == 0xFFFFFFFF) { compressed = qint64(qFromLittleEndian<quint64>(d.constData() + p)); p += 8; }
                if (local == 0xFFFFFFFF) { local = qint64(qFromLittleEndian<quint64>(d.constData() + p)); }
            }
            e += 4 + len;
        }
        cd += 46 + nameLen + extraLen + commentLen;
        const qsizetype dataAt = local + 30 + u16(d, local + 26) + u16(d, local + 28);
        const QByteArray raw = d.mid(dataAt, compressed);
        if (method == 0) {
            entries.insert(name, raw);
            continue;
        }
        QByteArray out(size, Qt::Uninitialized);
        z_stream z{};
        inflateInit2(&z, -MAX_WBITS);
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
        z.avail_in = uInt(raw.size());
        z.next_out = reinterpret_cast<Bytef *>(out.data());
        z.avail_out = uInt(out.size());
        const int rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        if (rc != Z_STREAM_END) {
            *error = QStringLiteral("cannot inflate %1").arg(name);
            return {};
        }
        entries.insert(name, out);
    }
    return entries;
}

QByteArray makeZip(const std::vector<std::pair<QString, QByteArray>> &entries)
{
    auto le16 = [](QByteArray &out, quint16 v) { char b[2]; qToLittleEndian(v, b); out.append(b, 2); };
    auto le32 = [](QByteArray &out, quint32 v) { char b[4]; qToLittleEndian(v, b); out.append(b, 4); };
    QByteArray zip, directory;
    for (const auto &[name, data] : entries) {
        const QByteArray n = name.toUtf8();
        const quint32 crc = quint32(crc32(0, reinterpret_cast<const Bytef *>(data.constData()), uInt(data.size())));
        const quint32 offset = quint32(zip.size());
        le32(zip, 0x04034b50); le16(zip, 20); le16(zip, 0); le16(zip, 0); le16(zip, 0); le16(zip, 0);
        le32(zip, crc); le32(zip, quint32(data.size())); le32(zip, quint32(data.size()));
        le16(zip, quint16(n.size())); le16(zip, 0);
        zip += n + data;
        le32(directory, 0x02014b50); le16(directory, 20); le16(directory, 20); le16(directory, 0); le16(directory, 0);
        le16(directory, 0); le16(directory, 0); le32(directory, crc); le32(directory, quint32(data.size()));
        le32(directory, quint32(data.size())); le16(directory, quint16(n.size())); le16(directory, 0); le16(directory, 0);
        le16(directory, 0); le16(directory, 0); le32(directory, 0); le32(directory, offset);
        directory += n;
    }
    const quint32 directoryAt = quint32(zip.size());
    zip += directory;
    le32(zip, 0x06054b50); le16(zip, 0); le16(zip, 0); le16(zip, quint16(entries.size())); le16(zip, quint16(entries.size()));
    le32(zip, quint32(directory.size())); le32(zip, directoryAt); le16(zip, 0);
    return zip;
}
