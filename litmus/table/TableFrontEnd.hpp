#pragma once
/// TableFrontEnd: the front end of herd's thread-table architectures — the init block, the
/// columnar thread table (one column per thread, each cell lowered by the architecture's
/// Dialect), then `locations`, `filter` and the condition.

#include "litmus/FrontEnd.hpp"
#include "litmus/table/Dialect.hpp"

namespace memlit::litmus {

class TableFrontEnd : public FrontEnd {
public:
    explicit TableFrontEnd(Dialect dialect) : dialect_(dialect) {}

    Kind kind() const override { return Kind::Table; }
    bool parseBody(const TestBody& body, LitmusTest& t) const override;

private:
    Dialect dialect_;
};

}  // namespace memlit::litmus
