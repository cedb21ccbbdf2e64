"""slope.tokenizers: Hugging Face's tokenizers (the Rust crate the Python package `tokenizers` is
built on), with the Python package's names: `Tokenizer.from_file(path)`, `encode`,
`encode_batch`, `decode`, `enable_padding`, `enable_truncation`, and `Encoding` objects whose
`ids`, `type_ids`, `tokens`, `offsets`, `attention_mask` and `special_tokens_mask` are lists."""

import _tokenizers


class Encoding:
    """Encoding: the result of Tokenizer.encode: ids, type_ids, tokens, offsets, attention_mask, special_tokens_mask (lists of equal length), word_ids."""

    def __init__(self, parts):
        self.ids = parts[0]
        self.type_ids = parts[1]
        self.tokens = parts[2]
        self.offsets = parts[3]
        self.attention_mask = parts[4]
        self.special_tokens_mask = parts[5]
        self.word_ids = parts[6]
        self.overflowing = []

    def __len__(self):
        return len(self.ids)

    def __repr__(self):
        return f"Encoding(num_tokens={len(self.ids)}, attributes=[ids, type_ids, tokens, offsets, attention_mask, special_tokens_mask, overflowing])"


class Tokenizer:
    """Tokenizer: a Hugging Face tokenizer; make one with Tokenizer.from_file('tokenizer.json')."""

    def __init__(self, handle):
        self._h = handle

    @staticmethod
    def from_file(path):
        """Tokenizer.from_file(path): the tokenizer saved in a tokenizer.json file."""
        return Tokenizer(_tokenizers.from_file(path))

    @staticmethod
    def from_str(json):
        """Tokenizer.from_str(json): the tokenizer described by the text of a tokenizer.json."""
        return Tokenizer(_tokenizers.from_str(json))

    def encode(self, sequence, pair=None, is_pretokenized=False, add_special_tokens=True):
        """encode(sequence, pair=None, add_special_tokens=True): the Encoding of one text (or a pair of texts)."""
        if is_pretokenized:
            raise NotImplementedError("is_pretokenized=True is not supported in Slope")
        return Encoding(_tokenizers.encode(self._h, sequence, pair, add_special_tokens))

    def encode_batch(self, input, is_pretokenized=False, add_special_tokens=True):
        """encode_batch(input, add_special_tokens=True): the Encodings of a list of texts (or pairs), padded together when padding is enabled."""
        if is_pretokenized:
            raise NotImplementedError("is_pretokenized=True is not supported in Slope")
        return [Encoding(p) for p in _tokenizers.encode_batch(self._h, list(input), add_special_tokens)]

    def decode(self, ids, skip_special_tokens=True):
        """decode(ids, skip_special_tokens=True): the text of a list of ids."""
        return _tokenizers.decode(self._h, list(ids), skip_special_tokens)

    def decode_batch(self, sequences, skip_special_tokens=True):
        """decode_batch(sequences, skip_special_tokens=True): decode of each list of ids."""
        return [self.decode(s, skip_special_tokens) for s in sequences]

    def enable_padding(self, direction='right', pad_id=0, pad_type_id=0, pad_token='[PAD]', length=None, pad_to_multiple_of=None):
        """enable_padding(direction='right', pad_id=0, pad_type_id=0, pad_token='[PAD]', length=None, pad_to_multiple_of=None): pad to `length`, or to the longest of a batch when length is None."""
        _tokenizers.set_padding(self._h, (direction, pad_id, pad_type_id, pad_token, length, pad_to_multiple_of))

    def no_padding(self):
        """no_padding(): stop padding."""
        _tokenizers.set_padding(self._h, None)

    @property
    def padding(self):
        """The padding parameters as a dict, or None."""
        return _tokenizers.get_padding(self._h)

    def enable_truncation(self, max_length, stride=0, strategy='longest_first', direction='right'):
        """enable_truncation(max_length, stride=0, strategy='longest_first', direction='right'): cut encodings to max_length tokens."""
        _tokenizers.set_truncation(self._h, (max_length, stride, strategy, direction))

    def no_truncation(self):
        """no_truncation(): stop truncating."""
        _tokenizers.set_truncation(self._h, None)

    @property
    def truncation(self):
        """The truncation parameters as a dict, or None."""
        return _tokenizers.get_truncation(self._h)

    def get_vocab_size(self, with_added_tokens=True):
        """get_vocab_size(with_added_tokens=True): the number of tokens in the vocabulary."""
        return _tokenizers.vocab_size(self._h, with_added_tokens)

    def token_to_id(self, token):
        """token_to_id(token): the token's id, or None."""
        return _tokenizers.token_to_id(self._h, token)

    def id_to_token(self, id):
        """id_to_token(id): the id's token, or None."""
        return _tokenizers.id_to_token(self._h, id)

    def __repr__(self):
        return f"Tokenizer(vocab_size={self.get_vocab_size()})"
