"""Business rules and use cases. No Qt widgets here: the window, the command line and the tests share them."""
