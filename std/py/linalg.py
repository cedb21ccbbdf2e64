# numpy.linalg written in Slope.
