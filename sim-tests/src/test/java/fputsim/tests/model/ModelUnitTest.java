package fputsim.tests.model;

import fputsim.model.Variant;
import fputsim.model.variant.Variants;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The model unit checks hold on every registered variant (no fix patch touches these rules). */
class ModelUnitTest {
    @TestFactory
    Stream<DynamicTest> modelUnitChecks_everyVariant_hold() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant v : Variants.all()) {
            for (ModelUnitChecks.Check c : ModelUnitChecks.all()) {
                tests.add(DynamicTest.dynamicTest(c.name() + " [" + v.name() + "]", () -> c.body().accept(v)));
            }
        }
        return tests.stream();
    }
}
