# 2-D and 3-D rotations: composition, determinant, inverse = transpose.
import numpy as np

def rot2(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])

def rot_z(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])

R = rot2(np.pi / 6) @ rot2(np.pi / 3)
print(np.round(R, 12), np.allclose(R, rot2(np.pi / 2)))
print(np.linalg.det(rot_z(0.7)), np.allclose(np.linalg.inv(rot_z(0.7)), rot_z(0.7).T))
square = np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]])
print(np.round(square @ rot2(np.pi / 4).T, 10))
p = np.array([1.0, 0.0, 2.0])
for k in range(4):
    p = rot_z(np.pi / 2) @ p
    print(k, np.round(p, 12))
