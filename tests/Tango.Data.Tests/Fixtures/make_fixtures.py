# Regenerates the NumPy fixtures of Tango.Data.Tests (numpy 1.x, run with /usr/bin/python3 from this folder).
import gzip
import numpy as np

f4 = np.array([[-1.0, -0.5, 0.0], [0.5, 1.0, 1.5]], dtype='<f4')
np.save('np_f4.npy', f4)
with gzip.open('np_f4.npy.gz', 'wb') as f:
    np.save(f, f4)
np.save('np_f4_big_endian.npy', f4.astype('>f4'))
np.save('np_f8_fortran.npy', np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3)))
np.save('np_i2.npy', np.array([1, 2, 3], dtype='<i2'))
with gzip.open('np_u1_3d.npy.gz', 'wb') as f:
    np.save(f, np.arange(24, dtype='|u1').reshape(2, 3, 4))
np.save('np_labels_i8.npy', np.array([7, 3, 7, 9, 3], dtype='<i8'))
np.save('np_labels_f4_fraction.npy', np.array([1.0, 2.5], dtype='<f4'))
