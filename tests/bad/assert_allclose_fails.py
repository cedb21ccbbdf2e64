# expect: AssertionError
# span: np.testing.assert_allclose(got, [1.0, 2.0, 3.0])
import numpy as np

got = np.array([1.0, 2.0, 3.1])
np.testing.assert_allclose(got, [1.0, 2.0, 3.0])
