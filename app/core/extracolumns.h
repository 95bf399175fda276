#pragma once

#include <QString>
#include <QVariant>

// Columns a table model shows after the file's own (the enrichment's five), provided by a
// layer above the core's CSV model.
class ExtraColumns
{
public:
    virtual ~ExtraColumns() = default;
    virtual int extraColumnCount() const = 0;
    virtual QString extraHeader(int column) const = 0;
    virtual QVariant extraData(qint64 row, int column, int role) const = 0;
    // A background for the whole row (its state), or an invalid QVariant.
    virtual QVariant rowBackground(qint64 row) const = 0;
};
