# expect: FileNotFoundError
# span: os.listdir("no_such_directory_here")
import os

names = os.listdir("no_such_directory_here")
