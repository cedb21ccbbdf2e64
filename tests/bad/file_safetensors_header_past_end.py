# expect: ValueError
# span: st.load_file("data/header_past_end.safetensors")
# cpython: SafetensorError
try:
    import slope.safetensors as st
except ImportError:
    import safetensors.numpy as st

weights = st.load_file("data/header_past_end.safetensors")
