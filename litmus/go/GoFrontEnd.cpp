/// The Go front end: a whole-program front end whose body is Go declarations and one `func`
/// per goroutine (GoSyntax.cpp reads them, GoLowering.cpp lowers them; docs/go.md).

#include "litmus/FrontEnd.hpp"
#include "litmus/go/GoSyntax.hpp"

namespace memlit::litmus {

namespace {

class GoFrontEnd : public FrontEnd {
public:
    Kind kind() const override { return Kind::WholeProgram; }
    bool parseBody(const TestBody& body, LitmusTest& t) const override {
        return go::parseGoTest(body.src, body.begin, body.file, body.diags, t, body.options.unroll);
    }
};

}  // namespace

const FrontEnd& goFrontEnd() {
    static const GoFrontEnd fe;
    return fe;
}

}  // namespace memlit::litmus
