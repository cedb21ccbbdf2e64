# numpy names written in Slope.
