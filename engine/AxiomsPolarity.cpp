#include "engine/AxiomsPolarity.hpp"

#include "cat/InterpreterImpl.hpp"
#include "engine/ArchVocabulary.hpp"

namespace memlit::engine {

Polarity PolarityDomain::baseRel(cat::BaseRel r) {
    return r == cat::BaseRel::Rf || r == cat::BaseRel::Co ? Polarity::Increasing : Polarity::Static;
}

cat::Vocabulary PolarityDomain::vocabulary() { return architectureVocabulary(); }

}  // namespace memlit::engine

namespace memlit::cat {

template std::optional<std::vector<CheckResult<engine::PolarityDomain>>>
interpret<engine::PolarityDomain>(const Model&, engine::PolarityDomain&, Diagnostics&);

}  // namespace memlit::cat

namespace memlit::engine {

std::vector<bool> persistentChecks(const cat::Model& model, bool someEvents) {
    PolarityDomain domain(someEvents);
    Diagnostics ignored;   // a model error is reported by the concrete evaluation instead
    auto results = cat::interpret(model, domain, ignored);
    if (!results) return {};
    std::vector<bool> out;
    for (const auto& r : *results) out.push_back(!r.isFlag && r.holds != Polarity::Unknown);
    return out;
}

}  // namespace memlit::engine
