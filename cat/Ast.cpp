#include "cat/Ast.hpp"

namespace memlit::cat {

const char* checkKindName(CheckKind k) {
    switch (k) {
    case CheckKind::Acyclic: return "acyclic";
    case CheckKind::Irreflexive: return "irreflexive";
    case CheckKind::Empty: return "empty";
    }
    return "?";
}

}  // namespace memlit::cat
